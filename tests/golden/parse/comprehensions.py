a = [x for x in range(10)]
b = [x * y for x in xs if x for y in ys if y if not x]
c = {k: v for k, v in items}
d = {x for x in s}
e = (x for x in g)
f = sum(x for x in y)
g = [(x, y) for x, *y in pairs]
async def h():
    r = [x async for x in aiter()]
    s = {x: y async for x, y in z if await w}
    t = (await x for x in y)
    u = [x for x in await y]
i = [[y for y in x] for x in z]
j = [x for x in (1, 2) for y in [3, 4]]
