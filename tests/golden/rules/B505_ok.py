from cryptography.hazmat.primitives.asymmetric import rsa, dsa, ec
from Crypto.PublicKey import RSA

rsa.generate_private_key(65537, 2048)
rsa.generate_private_key(public_exponent=65537, key_size=4096)
dsa.generate_private_key(2048)
ec.generate_private_key(ec.SECP256R1)
RSA.generate(bits=3072)
rsa.generate_private_key(65537, size)
