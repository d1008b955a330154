import requests

requests.get(url, verify=True, timeout=5)
requests.get(url, verify="/etc/ssl/ca.pem", timeout=5)
requests.get(url, timeout=5)
other.get(url, verify=False)
