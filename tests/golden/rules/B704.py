from markupsafe import Markup
import flask

Markup("<b>" + name + "</b>")  # fires
flask.Markup(html)  # fires
