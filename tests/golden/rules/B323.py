import ssl

ctx = ssl._create_unverified_context()  # fires
urlopen(url, context=ssl._create_unverified_context())  # fires
