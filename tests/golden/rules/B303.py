from Crypto.Hash import MD5
from cryptography.hazmat.primitives import hashes
import Cryptodome.Hash.SHA

MD5.new(data)  # fires
hashes.SHA1()  # fires
Cryptodome.Hash.SHA.new(data)  # fires
