def check(user):
    assert user.is_admin  # fires
    assert user, "message"  # fires
