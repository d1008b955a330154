import defusedxml.xmlrpc
import jsonrpc
