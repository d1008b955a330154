from django.utils.safestring import mark_safe, SafeString


def render(name):
    return mark_safe("<b>%s</b>" % name)  # fires


SafeString(value)  # fires
