import os
import subprocess

subprocess.run(["git", "status"])  # fires
os.system("ls -l")  # fires
subprocess.Popen("make", shell=True)  # fires
