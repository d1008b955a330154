import xml.sax
from xml.sax import make_parser

xml.sax.parse(f, handler)  # fires
xml.sax.parseString(body, handler)  # fires
make_parser()  # fires
