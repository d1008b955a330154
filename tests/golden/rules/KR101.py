import hashlib
from hashlib import sha256

digest = hashlib.md5(password.encode()).hexdigest()  # fires
sha256(user.password.encode("utf-8"))  # fires
h = hashlib.new("sha512", pwd)  # fires
hashlib.sha1(f"{salt}{secret}".encode())  # fires
