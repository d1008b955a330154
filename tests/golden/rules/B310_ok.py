from urllib.request import urlopen

urlopen("https://example.org/data.json")
urlopen("http://example.org/")
BASE = "https://example.org/"
urlopen(BASE + "x")
