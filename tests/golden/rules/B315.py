import xml.sax.expatreader
from xml.sax import expatreader

xml.sax.expatreader.create_parser()  # fires
expatreader.create_parser()  # fires
