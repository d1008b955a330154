from django.db.models.expressions import RawSQL

RawSQL("SELECT id FROM t WHERE x = %s" % x, [])  # fires
RawSQL(sql=query, params=[])  # fires
