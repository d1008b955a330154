try:
    pass
finally:
    pass
try:
    x
except ValueError:
    y
except (TypeError, KeyError) as e:
    z
except:
    raise
else:
    w
finally:
    v
try:
    pass
except Exception as e:
    raise RuntimeError("x") from e
raise
assert x, "msg"
assert y
while True:
    break
else:
    pass
for i in x:
    continue
