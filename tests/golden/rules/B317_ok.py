import defusedxml.sax

defusedxml.sax.parse(f, handler)
xml.sax.saxutils.escape(s)
