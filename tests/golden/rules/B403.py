import pickle  # fires
import cPickle as pickle  # fires
from dill import loads  # fires
import shelve  # fires
import pickletools  # fires
