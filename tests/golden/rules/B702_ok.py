from jinja2 import Template
from string import Template as T

Template("hello")
T("$x")
