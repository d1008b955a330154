import yaml

yaml.load(text, Loader=yaml.SafeLoader)
yaml.load(text, yaml.CSafeLoader)
yaml.safe_load(text)
json.load(f)
