import os
import os.path as osp, sys
from . import a
from .. import b as c
from ...pkg.mod import (d, e as f,)
from ._x import *
from __future__ import annotations
x: int
y: list[int] = []
(z): int = 1
a.b: str
c[0]: int = 2
x += 1; y -= 2; z *= 3
a @= b; a /= b; a //= b; a %= b; a **= b
a >>= b; a <<= b; a &= b; a ^= b; a |= b
a = b = c = 1
x = yield
pass
del x
return_ = 1
if a: pass
while 0: pass
def f():
    return
    return 1, 2
    yield
    yield from x
    x = yield y
    await_ = 1
class Empty: pass
class D(A, B, metaclass=M, **kw): pass
