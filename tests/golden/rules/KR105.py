ROOT_URLCONF = "site.urls"
ALLOWED_HOSTS = ["*"]  # fires
ALLOWED_HOSTS = ("example.org", "*")  # fires
