@decorator
def f(): pass
@a.b.c
@d(1, k=2)
@(lambda f: f)
@x[0] @ y
class C:
    @property
    def p(self): return 1
    @staticmethod
    async def s(): pass
