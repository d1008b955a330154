import marshal

marshal.dumps(obj)
marshal = None
load(f)
