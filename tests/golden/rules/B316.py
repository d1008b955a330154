from xml.dom import expatbuilder

expatbuilder.parse(f)  # fires
expatbuilder.parseString(body)  # fires
