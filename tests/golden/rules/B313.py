import xml.etree.cElementTree as ET
from xml.etree.cElementTree import fromstring

ET.parse(f)  # fires
fromstring(body)  # fires
ET.XMLParser()  # fires
ET.iterparse(f)  # fires
