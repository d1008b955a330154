import json
import marshal
from mypkg import pickle
