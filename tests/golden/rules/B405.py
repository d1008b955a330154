import xml.etree.ElementTree as ET  # fires
from xml.etree import cElementTree  # fires
from xml.etree.ElementTree import parse  # fires
