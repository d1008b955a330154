ROOT_URLCONF = "site.urls"
ALLOWED_HOSTS = ["example.org", ".example.org"]
