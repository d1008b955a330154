import urllib.request
from urllib.request import urlopen, urlretrieve

urlopen(url)  # fires
urllib.request.urlopen(request.args["u"])  # fires
urlretrieve("file:///etc/passwd")  # fires
