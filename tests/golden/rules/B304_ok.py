from Crypto.Cipher import AES
from cryptography.hazmat.primitives.ciphers import algorithms

AES.new(key, AES.MODE_GCM)
algorithms.AES(key)
DES.new(key)
