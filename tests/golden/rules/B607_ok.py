import os
import subprocess

subprocess.run(["/usr/bin/git", "status"])
os.system("./run.sh")
subprocess.run([exe, "x"])
subprocess.run(["C:\\tools\\git.exe"])
