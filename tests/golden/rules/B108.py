open("/tmp/app.log", "w")  # fires
CACHE = "/var/tmp/cache"  # fires
path = f"/dev/shm/{name}"  # fires
