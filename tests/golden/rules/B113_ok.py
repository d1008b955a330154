import requests
import httpx

requests.get(url, timeout=10)
requests.post(url, data=d, timeout=(3, 30))
httpx.get(url)
session.get(url)
requests.Session()
