a, *b = c
*a, b = c
a, *b, c = d
[a, *b] = c
(a, b), *c = d
for a, *b in c: pass
x = *a, *b
y = [*a, *b, 1]
z = {*a, *b}
w = {**a, 'k': 1, **b}
print(*args, *more, **kw, **other)
def f(): return *a, b
def g(): yield *a, b
h[*a]
h[1:2, *a]
del a, (b, c), [d]
t = 1,
