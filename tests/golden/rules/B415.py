import pyghmi  # fires
from pyghmi.ipmi import command  # fires
