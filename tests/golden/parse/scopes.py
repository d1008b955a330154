x = 0
def outer():
    y = 1
    def inner():
        nonlocal y
        global x, z
        y += 1
        x: int = 3
    return inner
nonlocal_at_module = 1
