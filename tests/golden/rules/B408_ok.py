from defusedxml import minidom
import xml.dom
