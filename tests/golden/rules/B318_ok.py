from defusedxml import minidom

minidom.parseString(body)
