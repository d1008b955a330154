import requests

s = requests.Session()
s.get(url)
s.get(url, verify="/etc/ca.pem")
requests.get(url, verify=False, timeout=3)


def f(s):
    s.get(url, verify=False)
