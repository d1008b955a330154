import xml.etree
import defusedxml.ElementTree as ET
import lxml.etree
