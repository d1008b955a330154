cur.execute("SELECT * FROM users WHERE name = %s", (name,))
TABLE = "users"
cur.execute("SELECT * FROM " + TABLE + " WHERE id = %s", (i,))
msg = "please select a file from " + folder
log.error("insert into queue failed: %s" % err)
doc.text(f"select one from {n} options")
cur.execute("SELECT * FROM %s LIMIT 1" % self.connection.ops.quote_name(table))
cur.execute(f"DELETE FROM {quote_ident(t)} WHERE id = %s", (i,))
