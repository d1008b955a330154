password = "hunter2"  # fires
self.db_password = "s3cret"  # fires
config = {"api_token": "abc123"}  # fires
settings["secret"] = "xyz"  # fires
if passwd == "letmein":  # fires
    pass
PWD: str = "root"  # fires
