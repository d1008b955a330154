import paramiko

client = paramiko.SSHClient()
client.exec_command("ls " + path)  # fires
stdin, out, err = client.exec_command(cmd)  # fires
