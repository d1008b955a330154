import defusedxml.sax
from xml import dom
