from cryptography.hazmat.primitives.ciphers import modes

modes.GCM(iv)
modes.CBC(iv)
ECB()
