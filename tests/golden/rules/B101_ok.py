def check(user):
    if not user.is_admin:
        raise PermissionError("admin only")
    assertion = True
    return assertion
