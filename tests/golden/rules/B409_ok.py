from defusedxml import pulldom
from xml.dom import Node
