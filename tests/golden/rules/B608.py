q = "SELECT * FROM users WHERE id = %s" % uid  # fires
cur.execute("DELETE FROM t WHERE a = '" + a + "'")  # fires
cur.execute(f"UPDATE t SET a = {a} WHERE b = 1")  # fires
sql = "INSERT INTO t (a) VALUES ({})".format(v)  # fires
