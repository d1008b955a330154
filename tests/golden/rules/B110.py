try:
    do()
except:  # fires
    pass
try:
    do()
except Exception:  # fires
    pass
