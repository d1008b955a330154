import xml.dom.minidom  # fires
from xml.dom import minidom  # fires
