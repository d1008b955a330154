from django.utils.html import format_html

format_html("<b>{}</b>", name)
mark_safe(html)
