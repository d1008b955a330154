from xml.dom import pulldom

pulldom.parseString(body)  # fires
pulldom.parse(f)  # fires
