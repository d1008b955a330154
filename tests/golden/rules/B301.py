import pickle
import pickle as pk
from dill import loads
import shelve, pandas

pickle.loads(data)  # fires
pk.load(f)  # fires
loads(data)  # fires
shelve.open("db")  # fires
pandas.read_pickle(path)  # fires
