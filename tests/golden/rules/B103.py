import os
from os import chmod as ch

os.chmod("/etc/passwd", 0o777)  # fires
ch("key", 0o775)  # fires
MODE = 0o666
os.chmod(path, MODE)  # fires
os.chmod(path, 0o751)  # fires
