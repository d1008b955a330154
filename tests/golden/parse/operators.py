a = b or c and d or not e
f = a < b <= c > d >= e == f != g is h is not i in j not in k
g = a | b ^ c & d << e >> f + g - h * i / j // k % l @ m
h = -a ** -b ** c
i = ~a + +b - -c
j = a if b else c if d else e
k = (a, b) if (c) else [d]
l = await_x if x else y
m = not not a
n = a.b.c(d)[e].f
o = (a)(b)
