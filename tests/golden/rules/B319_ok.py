from defusedxml import pulldom

pulldom.parseString(body)
