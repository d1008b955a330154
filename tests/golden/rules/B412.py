from wsgiref.handlers import CGIHandler  # fires
from twisted.web.twcgi import CGIScript  # fires
import wsgiref.handlers.CGIHandler  # fires
