from Cryptodome.Cipher import AES
import Crypto
from cryptography.fernet import Fernet
