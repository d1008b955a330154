import subprocess
from subprocess import check_output

subprocess.run([exe, arg])  # fires
check_output(["/bin/ls"])  # fires
subprocess.Popen(args, shell=False)  # fires
