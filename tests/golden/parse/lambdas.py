f0 = lambda: 0
f1 = lambda x: x
f2 = lambda x, y=1, *args, z, w=2, **kw: (x, y, args, z, w, kw)
f3 = lambda a, /, b, *, c: a
f4 = lambda *, k=1: k
f5 = lambda a=1, /, b=2: a
f6 = lambda *a, **k: 0
f7 = lambda: (yield)
f8 = lambda x: lambda y: x + y
def g(a, b: int = 1, /, c: "s" = 2, *args: *Ts, d, e: int = 3, **kwargs: dict) -> None: pass
def h(*, a): pass
def i(a, /): pass
