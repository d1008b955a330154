with open(f) as fh:
    pass
with a, b as c, d() as (e, f):
    pass
with (a, b):
    pass
with (a as b, c as d,):
    pass
with (yield):
    pass
with (open(x)) as f, (g) as h:
    pass
with a as b.c, d as e[0]:
    pass
async def f():
    async with a as b, c as d:
        pass
    async with (a as b, c):
        pass
    async for x in y:
        pass
    else:
        pass
    await z
