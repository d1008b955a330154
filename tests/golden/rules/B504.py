import ssl
from ssl import wrap_socket

ssl.wrap_socket(sock)  # fires
wrap_socket(sock, server_side=True)  # fires
