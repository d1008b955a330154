import hashlib
import crypt
from hashlib import sha1

hashlib.md5(data)  # fires
sha1(data)  # fires
hashlib.new("md4")  # fires
hashlib.new(name="SHA1", data=b"x")  # fires
crypt.crypt(pw, crypt.METHOD_MD5)  # fires
crypt.mksalt(crypt.METHOD_CRYPT)  # fires
