access_level = "user"
if access_level != "none‮⁦":  # fires
    pass
