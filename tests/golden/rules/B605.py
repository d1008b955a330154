import os
from os import popen

os.system("rm " + name)  # fires
os.system("ls -l")  # fires
popen(cmd)  # fires
import subprocess
subprocess.getoutput(cmd)  # fires
