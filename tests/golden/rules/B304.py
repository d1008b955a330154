from Crypto.Cipher import DES, ARC4
from cryptography.hazmat.primitives.ciphers import algorithms

DES.new(key)  # fires
ARC4.new(key)  # fires
algorithms.TripleDES(key)  # fires
algorithms.Blowfish(key)  # fires
