import requests

s = requests.Session()
s.get(url, verify=False)  # fires
requests.Session().post(url, data=d, verify=False)  # fires
requests.request("GET", url, verify=False)  # fires
with requests.session() as sess:
    sess.delete(url, verify=False)  # fires
http = requests.session()
http.put(url, verify=False)  # fires
