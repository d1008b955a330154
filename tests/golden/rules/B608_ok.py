cur.execute("SELECT * FROM users WHERE id = %s", (uid,))
msg = "please choose a file" + suffix
msg = "Update the settings" % ()
label = f"{n} items selected"
