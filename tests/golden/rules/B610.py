User.objects.extra(where=["name = '%s'" % name])  # fires
qs.extra(select={"x": expr})  # fires
qs.extra(tables=tables)  # fires
