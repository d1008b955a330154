resp.set_cookie("session", sid, secure=True, httponly=True)
SESSION_COOKIE_SECURE = True
app.config["SESSION_COOKIE_SECURE"] = True
set_cookie("x", y)
resp.delete_cookie("session")


def f():
    SESSION_COOKIE_SECURE = False
jar.set_cookie(cookie)
response.set_cookie(key, value, **kwargs)
