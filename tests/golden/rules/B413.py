from Crypto.Cipher import AES  # fires
import Crypto.PublicKey.RSA  # fires
from Crypto.Util import number  # fires
