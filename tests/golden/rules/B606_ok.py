import os

os.execute(cmd)
os.spawn(cmd)
execvp(prog, args)
