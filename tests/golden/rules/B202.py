import tarfile

tar = tarfile.open(path)
tar.extractall(dest)  # fires
tar.extractall(dest, members=safe_members(tar))  # fires
tar.extractall(dest, members=chosen)  # fires
