def connect(user, password="admin"):  # fires
    pass


def login(a, b, token="t0k3n", pwd="x"):  # fires
    pass
