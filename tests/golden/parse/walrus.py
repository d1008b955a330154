if (n := len(a)) > 10:
    pass
while chunk := f.read(10):
    pass
y = [z := 1, z ** 2]
print(x := 5)
data = {(k := 1): v}
foo(a, b := 2, c=3)
[y for x in data if (y := f(x)) is not None]
s[x := 1]
(a := 1)
