import subprocess

subprocess.call(cmd, shell=False)
subprocess.call(["ls", "-l"])
SHELL = False
subprocess.run(cmd, shell=SHELL)
subprocess.run(shell=True)
os.system(cmd)
