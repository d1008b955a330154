from markupsafe import Markup, escape

Markup("<b>static</b>")
escape(name)
Markup("<b>{}</b>").format(name)
