import logging.config

logging.config.listen(9999, verify=check_signature)
logging.listen()
