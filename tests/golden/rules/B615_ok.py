from transformers import AutoModel
from huggingface_hub import hf_hub_download

AutoModel.from_pretrained("org/model", revision="5d0f2e8a1b")
AutoModel.from_pretrained("./local-model")
hf_hub_download("org/repo", "file.bin", revision=pinned)
