import tarfile

tar = tarfile.open(path)
tar.extractall(dest, filter="data")
tar.extractall(dest, filter="tar")
zipfile.ZipFile(p).extract(dest)
