import telnetlib
from telnetlib import Telnet as T

telnetlib.Telnet(host)  # fires
T(host, 23)  # fires
