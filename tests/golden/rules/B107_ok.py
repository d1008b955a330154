def connect(user, password=None):
    pass


def login(a, *, token="kw-only is not a default of a positional"):
    pass


def other(passenger="alice"):
    pass
