import os
import subprocess

os.system("tar cf backup.tar dir")
subprocess.call(["chown", "root", "*"])
os.system("ls *")
