import yaml
from yaml import load

yaml.load(text)  # fires
yaml.load(text, Loader=yaml.FullLoader)  # fires
load(text, yaml.Loader)  # fires
