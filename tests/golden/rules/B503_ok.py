import ssl


def connect(host, version=ssl.PROTOCOL_TLS_CLIENT):
    pass


def bare(version=PROTOCOL_SSLv2):
    pass
