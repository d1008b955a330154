for f in files:
    try:
        load(f)
    except KeyError:
        continue
    try:
        load(f)
    except Exception:
        pass
