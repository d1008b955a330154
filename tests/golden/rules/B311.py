import random
from random import choice as pick, getrandbits

random.random()  # fires
pick(chars)  # fires
getrandbits(64)  # fires
random.normalvariate(0, 1)  # fires
random.shuffle(items)  # fires
random.Random(4)  # fires
