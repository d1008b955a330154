from django.utils.safestring import mark_safe
from django.utils import safestring

mark_safe(html)  # fires
safestring.mark_safe("<b>x</b>")  # fires
