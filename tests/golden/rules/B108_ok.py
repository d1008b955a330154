"/tmp/docstring-like statement"
open("/home/user/tmp/app.log", "w")
path = "tmp/app.log"
import tempfile
tempfile.mkstemp()
