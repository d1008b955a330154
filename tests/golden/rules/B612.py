import logging.config
from logging.config import listen

logging.config.listen(9999)  # fires
listen()  # fires
