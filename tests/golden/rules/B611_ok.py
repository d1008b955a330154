from django.db.models.expressions import RawSQL

RawSQL("SELECT id FROM t WHERE x = %s", [x])
Q = "SELECT 1"
RawSQL(Q, [])
