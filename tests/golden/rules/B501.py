import requests
import httpx

requests.get(url, verify=False, timeout=5)  # fires
httpx.Client(verify=False)  # fires
NO = False
requests.post(url, timeout=5, verify=NO)  # fires
