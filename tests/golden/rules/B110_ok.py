try:
    do()
except ValueError:
    pass
try:
    do()
except Exception:
    log()
    pass
