resp.set_cookie("session", sid)  # fires
response.set_cookie("sid", sid, secure=False, httponly=True)  # fires
SESSION_COOKIE_SECURE = False  # fires
app.config["SESSION_COOKIE_SECURE"] = False  # fires
app.config.update(SESSION_COOKIE_SECURE=False)  # fires
