connect(user="app", password="hunter2")  # fires
client.login(api_token="abc")  # fires
Session(secret="xyz")  # fires
