from cryptography.hazmat.primitives.asymmetric import rsa, dsa, ec
from Crypto.PublicKey import RSA

rsa.generate_private_key(65537, 1024)  # fires
rsa.generate_private_key(public_exponent=65537, key_size=512)  # fires
dsa.generate_private_key(key_size=1024)  # fires
ec.generate_private_key(ec.SECP192R1)  # fires
RSA.generate(1024)  # fires
