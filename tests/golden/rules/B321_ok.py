import ftplib

ftplib.FTP_TLS(host)
FTP(host)
