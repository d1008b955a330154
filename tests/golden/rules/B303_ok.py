from Crypto.Hash import SHA256
from cryptography.hazmat.primitives import hashes

SHA256.new(data)
hashes.SHA256()
MD5.new(data)
