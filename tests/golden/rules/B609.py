import os
import subprocess

os.system("tar cf backup.tar *")  # fires
subprocess.call(["chown", "root", "*"], shell=True)  # fires
os.popen("chmod 644 *.txt")  # fires
