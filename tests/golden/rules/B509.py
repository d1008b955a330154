from pysnmp.hlapi import UsmUserData

UsmUserData("user")  # fires
UsmUserData("user", "authkey")  # fires
