import os

os.path.join(a, b)
os.system()
system(cmd)
