import hashlib
import crypt

hashlib.md5(data, usedforsecurity=False)
hashlib.sha256(data)
hashlib.new("sha256")
hashlib.new(algo)
crypt.crypt(pw, crypt.METHOD_SHA512)
crypt.mksalt(crypt.METHOD_SHA256)
md5(data)
