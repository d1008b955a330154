import os

INSTALLED_APPS = ["django.contrib.admin"]
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
DEBUG = False


def configure():
    DEBUG = True
    return DEBUG
