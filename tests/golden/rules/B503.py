import ssl


def connect(host, version=ssl.PROTOCOL_SSLv2):  # fires
    pass


def other(a, method=SSL.TLSv1_METHOD):  # fires
    pass
