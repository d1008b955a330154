from transformers import AutoModel
from huggingface_hub import hf_hub_download

AutoModel.from_pretrained("org/model")  # fires
AutoModel.from_pretrained("org/model", revision="main")  # fires
hf_hub_download("org/repo", "file.bin")  # fires
