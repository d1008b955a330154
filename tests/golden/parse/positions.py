x = (1 +
     2)
y = [
    a,
    b,
]
@dec
def f(a,
      b): return (a)
class C(
    Base,
): pass
if a:
    pass
elif b:
    pass; pass;
else:
    z = "é" + f"{é}"
call(x)(y)[z].w
(a)(b)
(a).b
((a, b))
lambda: (yield)
t = a, b,
