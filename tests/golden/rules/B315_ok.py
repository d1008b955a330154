import defusedxml.expatreader

defusedxml.expatreader.create_parser()
create_parser()
