import xml.dom.pulldom  # fires
from xml.dom import pulldom  # fires
