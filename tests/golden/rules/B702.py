from mako.template import Template
import mako.template

Template("hello ${name}")  # fires
mako.template.Template(text)  # fires
