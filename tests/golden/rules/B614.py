import torch
from torch import load

torch.load("model.pt")  # fires
load(f, weights_only=False)  # fires
torch.serialization.load(f)  # fires
