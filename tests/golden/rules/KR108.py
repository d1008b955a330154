import logging

log = logging.getLogger(__name__)
logging.info("password is %s", password)  # fires
log.debug(f"token={api_token}")  # fires
self.logger.warning("login with " + user.password)  # fires
