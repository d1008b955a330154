import ftplib
from ftplib import FTP

ftplib.FTP(host)  # fires
FTP(host)  # fires
