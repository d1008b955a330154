import sftp
from paramiko import SFTPClient
importlib.import_module(mod)
