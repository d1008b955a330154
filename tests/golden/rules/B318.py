from xml.dom import minidom
import xml.dom.minidom

minidom.parseString(body)  # fires
xml.dom.minidom.parse(f)  # fires
