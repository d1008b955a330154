import os
import multiprocessing
from .subprocess import run
