from pysnmp.hlapi import UsmUserData

UsmUserData("user", "authkey", "privkey")
