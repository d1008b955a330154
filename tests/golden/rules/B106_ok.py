connect(user="app", password=os.environ["PW"])
connect("app", "hunter2")
client.login(tokenizer="abc")
Session(secret=None)
