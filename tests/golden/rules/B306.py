import tempfile
from tempfile import mktemp

tempfile.mktemp()  # fires
mktemp(suffix=".txt")  # fires
