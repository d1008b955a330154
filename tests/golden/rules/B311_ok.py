import random
import secrets

secrets.choice(chars)
random.SystemRandom().random()
random.seed(4)


def roll(random):
    return random.choice([1, 2])


numpy.random.choice(xs)
