import xml.etree.ElementTree as ET
from xml.etree.ElementTree import fromstring

ET.parse(f)  # fires
fromstring(body)  # fires
ET.XMLParser()  # fires
ET.iterparse(f)  # fires
