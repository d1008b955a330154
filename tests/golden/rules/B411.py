import xmlrpc.client  # fires
from xmlrpc.server import SimpleXMLRPCServer  # fires
import xmlrpc  # fires
