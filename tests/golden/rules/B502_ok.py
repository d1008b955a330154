import ssl
from OpenSSL import SSL

ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_TLS_CLIENT)
SSL.Context(method=SSL.TLS_METHOD)
make_context(ssl_version=ssl.PROTOCOL_TLSv1_2)
