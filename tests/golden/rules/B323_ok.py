import ssl

ctx = ssl.create_default_context()
_create_unverified_context()
