import torch

torch.load("model.pt", weights_only=True)
torch.save(model, "m.pt")
pickle_free.load(f)
