import paramiko
__import__(name)
x = "telnetlib"
from . import telnetlib
