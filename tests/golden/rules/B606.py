import os

os.execvp(prog, args)  # fires
os.spawnl(os.P_WAIT, "/bin/ls", "ls")  # fires
os.startfile(path)  # fires
