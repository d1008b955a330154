import xml.dom.expatbuilder  # fires
from xml.dom import expatbuilder  # fires
