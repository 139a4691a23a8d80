"""Small building blocks whose parameters reach the ONNX graph unchanged.

torch.onnx.export names each initializer after its parameter, unless constant folding rewrites
the parameter (nn.Linear's transposed weight, GroupNorm's unsqueezed scale). These layers
store parameters in the shape the exported graph uses them in, so every trained parameter is
an ONNX initializer of the same name and shape, and evaluate.py can rebuild the PyTorch modules
from the exported model.onnx files (export_onnx.load_weights_from_onnx).
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

# Debian's torch links the reference BLAS (~4 GFLOP/s); its oneDNN convolutions are ~10x
# faster. In PyTorch, matmuls therefore run as 1x1 convolutions (same math); under
# torch.onnx.export they are plain MatMul nodes.


def _exporting():
    return torch.onnx.is_in_onnx_export()


def linear(x, weight, bias=None):
    """x @ weight (+ bias), weight [in, out]."""
    if _exporting():
        y = torch.matmul(x, weight)
        return y + bias if bias is not None else y
    d_in, d_out = weight.shape
    lead = x.shape[:-1]
    y = F.conv2d(x.reshape(-1, d_in, 1, 1), weight.t().reshape(d_out, d_in, 1, 1), bias)
    return y.reshape(*lead, d_out)


def bmm(a, b):
    """Batched a @ b for a [..., N, K], b [..., K, M] (same leading dims)."""
    if _exporting():
        return torch.matmul(a, b)
    lead, (n, k), m = a.shape[:-2], a.shape[-2:], b.shape[-1]
    g = 1
    for d in lead:
        g *= d
    x = a.reshape(g, n, k).transpose(0, 1).reshape(n, g * k, 1, 1)
    w = b.reshape(g, k, m).transpose(1, 2).reshape(g * m, k, 1, 1)
    y = F.conv2d(x, w, groups=g).reshape(n, g, m).transpose(0, 1)
    return y.reshape(*lead, n, m)


class Linear(nn.Module):
    """y = x @ weight + bias, weight stored as [in, out] (exported as MatMul + Add)."""

    def __init__(self, d_in, d_out, bias=True):
        super().__init__()
        bound = 1.0 / math.sqrt(d_in)
        self.weight = nn.Parameter(torch.empty(d_in, d_out).uniform_(-bound, bound))
        self.bias = nn.Parameter(torch.empty(d_out).uniform_(-bound, bound)) if bias else None

    def forward(self, x):
        return linear(x, self.weight, self.bias)


class GroupNorm(nn.Module):
    """GroupNorm with per-channel scale/shift stored as [C,1,1]."""

    def __init__(self, groups, channels, eps=1e-5):
        super().__init__()
        self.groups, self.eps = groups, eps
        self.weight = nn.Parameter(torch.ones(channels, 1, 1))
        self.bias = nn.Parameter(torch.zeros(channels, 1, 1))

    def forward(self, x):
        if torch.onnx.is_in_onnx_export():
            return F.group_norm(x, self.groups, None, None, self.eps) * self.weight + self.bias
        return F.group_norm(x, self.groups, self.weight.view(-1), self.bias.view(-1), self.eps)


class LayerNorm(nn.Module):
    def __init__(self, dim, eps=1e-5):
        super().__init__()
        self.dim, self.eps = dim, eps
        self.weight = nn.Parameter(torch.ones(dim))
        self.bias = nn.Parameter(torch.zeros(dim))

    def forward(self, x):
        if torch.onnx.is_in_onnx_export():
            return F.layer_norm(x, (self.dim,), None, None, self.eps) * self.weight + self.bias
        return F.layer_norm(x, (self.dim,), self.weight, self.bias, self.eps)


class Attention(nn.Module):
    """Multi-head attention; context=None is self-attention. mask is added to the scores."""

    def __init__(self, dim, heads, context_dim=None, bias=False):
        super().__init__()
        context_dim = context_dim or dim
        self.heads, self.head_dim = heads, dim // heads
        self.to_q = Linear(dim, dim, bias=bias)
        self.to_k = Linear(context_dim, dim, bias=bias)
        self.to_v = Linear(context_dim, dim, bias=bias)
        self.to_out = Linear(dim, dim)

    def _split(self, x):
        b, n, _ = x.shape
        return x.reshape(b, n, self.heads, self.head_dim).transpose(1, 2)

    def forward(self, x, context=None, mask=None):
        context = x if context is None else context
        q, k, v = self._split(self.to_q(x)), self._split(self.to_k(context)), self._split(self.to_v(context))
        scores = bmm(q, k.transpose(-1, -2)) * (1.0 / math.sqrt(self.head_dim))
        if mask is not None:
            scores = scores + mask
        out = bmm(scores.softmax(dim=-1), v)
        b, h, n, d = out.shape
        return self.to_out(out.transpose(1, 2).reshape(b, n, h * d))


def count_params(module):
    return sum(p.numel() for p in module.parameters())
