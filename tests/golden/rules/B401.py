import telnetlib  # fires
from telnetlib import Telnet  # fires
mod = __import__("telnetlib")  # fires
