import hashlib

hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600000)
hashlib.sha256(data).hexdigest()
hashlib.sha256(password_hash.encode())
hashlib.md5(token_count)
scrypt(password)
