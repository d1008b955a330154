import requests
import httpx
from requests import post as send

requests.get(url)  # fires
send(url, data=d)  # fires
requests.put(url, timeout=None)  # fires
httpx.get(url, timeout=None)  # fires
requests.head(url, timeout=compute())  # fires
