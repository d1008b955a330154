import paramiko

paramiko.SSHClient()
Telnet(host)
