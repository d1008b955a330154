try:
    raise ExceptionGroup("g", [ValueError(1)])
except* ValueError as e:
    pass
except* (TypeError, KeyError):
    pass
else:
    done()
finally:
    cleanup()
