import subprocess

run_command(cmd, shell=False)
run_command(cmd, shell=None)
subprocess.call(cmd, shell=True)
