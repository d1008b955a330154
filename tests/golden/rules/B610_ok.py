User.objects.extra(where=["name = %s"], params=[name])
qs.extra(select={"x": "1"})
qs.filter(name=name)
