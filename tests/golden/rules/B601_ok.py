import fabric

conn.exec_command("ls")
client.invoke_shell()
