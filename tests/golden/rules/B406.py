import xml.sax  # fires
from xml import sax  # fires
from xml.sax import make_parser  # fires
