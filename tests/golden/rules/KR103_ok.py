resp.set_cookie("session", sid, secure=True, httponly=True)
SESSION_COOKIE_HTTPONLY = True
resp.set_cookie("session", sid, secure=True, httponly=flag)
