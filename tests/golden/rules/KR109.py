cur.execute("SELECT * FROM users WHERE name = '%s'" % name)  # fires
cur.execute(f"DELETE FROM t WHERE id = {i}")  # fires
q = "UPDATE t SET a = " + a + " WHERE b = 1"
cur.executemany(q, rows)  # fires
User.objects.raw("SELECT * FROM auth_user WHERE id = {}".format(uid))  # fires
from sqlalchemy import text
text(f"select a from b where c = {c}")  # fires
cur.execute("SELECT * FROM %s WHERE a = '%s'" % (quote_name(t), a))  # fires
