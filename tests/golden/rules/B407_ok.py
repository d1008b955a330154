from defusedxml import expatbuilder
from xml.dom import Node
