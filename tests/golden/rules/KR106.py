import jwt
from jose import jwt as jose_jwt

jwt.decode(token, options={"verify_signature": False})  # fires
jwt.decode(token, key, algorithms=["HS256", "none"])  # fires
jwt.decode(token, verify=False)  # fires
jwt.encode(payload, None, algorithm="none")  # fires
jose_jwt.decode(token, key, options={"verify_signature": False})  # fires
