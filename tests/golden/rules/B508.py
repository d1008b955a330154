from pysnmp.hlapi import CommunityData

CommunityData("public", mpModel=0)  # fires
CommunityData("public", mpModel=1)  # fires
