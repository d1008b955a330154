import ipmitool
from . import pyghmi
