import jinja2
from jinja2 import Environment, select_autoescape

Environment(autoescape=True)
jinja2.Environment(loader=l, autoescape=select_autoescape(["html"]))
Environ()
