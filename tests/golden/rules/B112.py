for f in files:
    try:
        load(f)
    except:  # fires
        continue
    try:
        load(f)
    except Exception as e:  # fires
        continue
