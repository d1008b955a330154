from django.utils.safestring import mark_safe

mark_safe("<b>static</b>")
TAG = "<br>"
mark_safe(TAG + "<hr>")
mark_safe("<i>{}</i>".format("x"))
