"""CLIP-like causal text transformer (CLIPTextModel's structure, small).

token + learned position embeddings (77 positions), causal mask, pre-LN blocks
(LN -> self-attention -> residual, LN -> MLP(quick_gelu) -> residual), final LayerNorm.
Outputs last_hidden_state [B,77,D] and pooler_output [B,D] = the final state at
argmax(input_ids) (the first EOS, since EOS has the highest id, as in CLIP).
"""
import torch
import torch.nn as nn

from layers import Attention, LayerNorm, Linear

MAX_POSITIONS = 77


def quick_gelu(x):
    return x * torch.sigmoid(1.702 * x)


class EncoderLayer(nn.Module):
    def __init__(self, dim, heads, mlp_dim):
        super().__init__()
        self.layer_norm1 = LayerNorm(dim)
        self.self_attn = Attention(dim, heads, bias=True)
        self.layer_norm2 = LayerNorm(dim)
        self.fc1 = Linear(dim, mlp_dim)
        self.fc2 = Linear(mlp_dim, dim)

    def forward(self, x, mask):
        x = x + self.self_attn(self.layer_norm1(x), mask=mask)
        return x + self.fc2(quick_gelu(self.fc1(self.layer_norm2(x))))


class TextEncoder(nn.Module):
    def __init__(self, vocab_size, dim=128, layers=2, heads=4, mlp_dim=512):
        super().__init__()
        self.config = dict(vocab_size=vocab_size, hidden_size=dim, num_hidden_layers=layers,
                           num_attention_heads=heads, intermediate_size=mlp_dim)
        self.token_embedding = nn.Embedding(vocab_size, dim)
        self.position_embedding = nn.Parameter(torch.randn(MAX_POSITIONS, dim) * 0.01)
        nn.init.normal_(self.token_embedding.weight, std=0.02)
        self.layers = nn.ModuleList([EncoderLayer(dim, heads, mlp_dim) for _ in range(layers)])
        self.final_layer_norm = LayerNorm(dim)
        causal = torch.full((MAX_POSITIONS, MAX_POSITIONS), -1e9).triu(1)
        self.register_buffer("causal_mask", causal, persistent=False)

    def forward(self, input_ids):
        ids = input_ids.to(torch.int64)
        x = self.token_embedding(ids) + self.position_embedding
        for layer in self.layers:
            x = layer(x, self.causal_mask)
        x = self.final_layer_norm(x)
        eos = ids.argmax(dim=-1)                                   # [B]
        idx = eos.view(-1, 1, 1).expand(-1, 1, x.shape[-1])        # [B,1,D]
        pooled = torch.gather(x, 1, idx).squeeze(1)
        return x, pooled
