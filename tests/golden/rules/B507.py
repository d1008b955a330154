import paramiko
from paramiko import AutoAddPolicy

client = paramiko.SSHClient()
client.set_missing_host_key_policy(paramiko.AutoAddPolicy())  # fires
client.set_missing_host_key_policy(AutoAddPolicy)  # fires
client.set_missing_host_key_policy(paramiko.WarningPolicy())  # fires
