import os

os.chmod("/etc/app.conf", 0o600)
os.chmod(path, 0o644)
os.chmod(path, mode)
os.chmod(path, mode=0o777)
os.chmod(path, 0o750 | 0o004 & 0)
