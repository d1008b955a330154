import subprocess
from subprocess import Popen as P

subprocess.call(cmd, shell=True)  # fires
P("ls -l", shell=True)  # fires
subprocess.run(["ls", path], shell=1)  # fires
SH = True
subprocess.check_output(user_input, shell=SH)  # fires
