import xml.etree.ElementTree as ET
import defusedxml.ElementTree as DET

DET.fromstring(body)
ET.tostring(elem)
ET.Element("a")
