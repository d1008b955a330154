from wsgiref.handlers import SimpleHandler
from twisted.web import server
import wsgiref.handlers
