"0.0.0.0"
app.run(host="127.0.0.1")
sock.bind(("0.0.0.0.1", 80))
HOST = "::1"
