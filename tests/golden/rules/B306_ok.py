import tempfile

tempfile.mkstemp()
tempfile.NamedTemporaryFile()
mktemp()
