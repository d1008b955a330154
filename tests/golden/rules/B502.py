import ssl
from OpenSSL import SSL

ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_SSLv3)  # fires
SSL.Context(method=SSL.SSLv2_METHOD)  # fires
make_context(ssl_version=ssl.PROTOCOL_TLSv1)  # fires
herp(method=PROTOCOL_TLSv1_1)  # fires
