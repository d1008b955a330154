import logging

log = logging.getLogger(__name__)
log.info("token count %d", token_count)
log.info("user %s logged in", user)
print(password)
log.info("password changed")
