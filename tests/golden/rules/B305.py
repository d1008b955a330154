from cryptography.hazmat.primitives.ciphers import modes
import cryptography.hazmat.primitives.ciphers.modes as m

modes.ECB()  # fires
m.ECB()  # fires
