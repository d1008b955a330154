import subprocess

subprocess.run(cmd, shell=True)
subprocess.getoutput("ls")


def f(subprocess):
    subprocess.run([exe])
