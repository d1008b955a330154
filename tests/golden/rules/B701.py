import jinja2
from jinja2 import Environment

Environment(loader=loader)  # fires
jinja2.Environment(autoescape=False)  # fires
Environment(autoescape=maybe)  # fires
