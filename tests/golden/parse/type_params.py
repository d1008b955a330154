type Point = tuple[float, float]
type ListOrSet[T] = list[T] | set[T]
type Bounded[T: (int, str), *Ts = *tuple[int], **P = [int]] = Callable[P, T]
def first[T](xs: list[T]) -> T:
    return xs[0]
def with_default[T = int, U: str = "u"](): pass
class Box[T, *Shape, **Params](Generic[T]):
    def get[S](self) -> S: ...
async def fetch[R](url) -> R: pass
type = 1
type.x = 2
print(type)
