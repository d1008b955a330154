import pickle
import json

pickle.dumps(obj)
json.loads(data)


def f(pickle):
    return pickle.loads(data)


loads(data)
