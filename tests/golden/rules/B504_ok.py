import ssl

ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_TLS_CLIENT)
ctx.wrap_socket(sock, server_hostname=h)
