password = os.environ["PASSWORD"]
passenger = "alice"
tokenizer = "bert"
config = {"user": "abc123"}
password = None
if user == "root":
    pass
compass = "north"
