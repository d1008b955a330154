import importlib
import ftplib  # fires
from ftplib import FTP_TLS  # fires
importlib.import_module("ftplib")  # fires
