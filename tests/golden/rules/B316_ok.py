from defusedxml import expatbuilder

expatbuilder.parse(f)
expatbuilder.parseString(body)
