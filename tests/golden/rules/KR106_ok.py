import jwt

jwt.decode(token, key, algorithms=["RS256"])
jwt.decode(token, key, algorithms=["HS256"], options={"verify_exp": False})
jwt.encode(payload, key, algorithm="HS256")
other.decode(token, verify=False)
