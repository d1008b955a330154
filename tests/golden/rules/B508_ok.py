from pysnmp.hlapi import CommunityData

CommunityData("public", mpModel=2)
CommunityData("public")
