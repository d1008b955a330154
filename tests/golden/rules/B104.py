app.run(host="0.0.0.0")  # fires
HOST = "0.0.0.0"  # fires
sock.bind(("0.0.0.0", 80))  # fires
