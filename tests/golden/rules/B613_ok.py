access_level = "user"
if access_level != "none\u202e":
    pass
# café, naïve: ordinary non-ASCII
