import subprocess  # fires
from subprocess import Popen, PIPE  # fires
import subprocess as sp, os  # fires
