resp.set_cookie("session", sid, secure=True)  # fires
SESSION_COOKIE_HTTPONLY = False  # fires
app.config.update(SESSION_COOKIE_HTTPONLY=False)  # fires
