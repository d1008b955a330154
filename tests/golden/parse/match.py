match command.split():
    case [action]:
        pass
    case [action, obj]:
        pass
    case Point(x=0, y=0):
        print("Origin")
    case Point(1, y=var) | Point(2, var):
        pass
    case [Point(x=0, y=0), *rest]:
        pass
    case {"x": x, "y": y, **others}:
        pass
    case {1: _, -2: _, 3.5: _, -1+2j: _, "s" "t": _, None: _, a.b: _}:
        pass
    case (1 | 2 | 3) as n if n > 1:
        pass
    case [*_] | (*_,) | () | []:
        pass
    case None | True | False:
        pass
    case -1 | 1.5 | 2j | 1 - 2j | "str" | b"bytes":
        pass
    case a.b.c:
        pass
    case (x):
        pass
    case _:
        pass
match x, *y:
    case 1, 2 if True:
        pass
    case *a, b:
        pass
match = 1
match.x = 2
match(x)
match[0]
case = 3
