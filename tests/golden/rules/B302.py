import marshal
from marshal import loads as ml

marshal.load(f)  # fires
ml(data)  # fires
