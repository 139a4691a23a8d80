"""Conditional UNet (UNet2DConditionModel's structure, small), epsilon prediction.

Sinusoidal timestep embedding (diffusers' get_timestep_embedding with flip_sin_to_cos=True,
freq_shift=0) + MLP; ResNet blocks with GroupNorm and the time embedding added; spatial
transformers (GroupNorm, proj_in, [LN self-attention, LN cross-attention to the text states,
LN GEGLU feed-forward], proj_out, residual) after every ResNet block; a down path with
stride-2 convs, a mid block, an up path consuming the skips, nearest upsample + conv.

timestep may be [B] or [1] (broadcast over the batch, as diffusers' ONNX pipeline passes it).
The up path resizes to the skip's size, so any latent height/width runs.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from layers import Attention, GroupNorm, LayerNorm, Linear

NORM_GROUPS = 16


def timestep_frequencies(dim, max_period=10000):
    half = dim // 2
    exponent = -math.log(max_period) * torch.arange(0, half, dtype=torch.float32) / half
    return torch.exp(exponent)


def timestep_embedding(t, freqs):
    """diffusers get_timestep_embedding(t, dim, flip_sin_to_cos=True, downscale_freq_shift=0)."""
    args = t.to(torch.float32).view(-1, 1) * freqs.view(1, -1)
    return torch.cat([torch.cos(args), torch.sin(args)], dim=-1)


class ResnetBlock(nn.Module):
    def __init__(self, c_in, c_out, temb_dim):
        super().__init__()
        self.norm1 = GroupNorm(min(NORM_GROUPS, c_in), c_in)
        self.conv1 = nn.Conv2d(c_in, c_out, 3, padding=1)
        self.time_emb_proj = Linear(temb_dim, c_out)
        self.norm2 = GroupNorm(min(NORM_GROUPS, c_out), c_out)
        self.conv2 = nn.Conv2d(c_out, c_out, 3, padding=1)
        self.conv_shortcut = nn.Conv2d(c_in, c_out, 1) if c_in != c_out else None

    def forward(self, x, temb):
        h = self.conv1(F.silu(self.norm1(x)))
        h = h + self.time_emb_proj(F.silu(temb)).unsqueeze(-1).unsqueeze(-1)
        h = self.conv2(F.silu(self.norm2(h)))
        return h + (self.conv_shortcut(x) if self.conv_shortcut is not None else x)


class GEGLU(nn.Module):
    def __init__(self, dim, inner):
        super().__init__()
        self.proj = Linear(dim, inner * 2)
        self.out = Linear(inner, dim)

    def forward(self, x):
        a, gate = self.proj(x).chunk(2, dim=-1)
        return self.out(a * F.gelu(gate))


class TransformerBlock(nn.Module):
    def __init__(self, dim, heads, context_dim, ff_mult):
        super().__init__()
        self.norm1 = LayerNorm(dim)
        self.attn1 = Attention(dim, heads)
        self.norm2 = LayerNorm(dim)
        self.attn2 = Attention(dim, heads, context_dim=context_dim)
        self.norm3 = LayerNorm(dim)
        self.ff = GEGLU(dim, dim * ff_mult)

    def forward(self, x, context):
        x = x + self.attn1(self.norm1(x))
        x = x + self.attn2(self.norm2(x), context)
        return x + self.ff(self.norm3(x))


class SpatialTransformer(nn.Module):
    def __init__(self, channels, heads, context_dim, ff_mult):
        super().__init__()
        self.norm = GroupNorm(min(NORM_GROUPS, channels), channels)
        self.proj_in = Linear(channels, channels)
        self.block = TransformerBlock(channels, heads, context_dim, ff_mult)
        self.proj_out = Linear(channels, channels)

    def forward(self, x, context):
        b, c, h, w = x.shape
        y = self.norm(x).reshape(b, c, h * w).transpose(1, 2)
        y = self.proj_out(self.block(self.proj_in(y), context))
        return x + y.transpose(1, 2).reshape(b, c, h, w)


class Level(nn.Module):
    """ResNet blocks, each followed by a cross-attention transformer (or not)."""

    def __init__(self, c_ins, c_out, temb_dim, heads, context_dim, ff_mult, attention):
        super().__init__()
        self.resnets = nn.ModuleList([ResnetBlock(c, c_out, temb_dim) for c in c_ins])
        self.attentions = nn.ModuleList(
            [SpatialTransformer(c_out, heads, context_dim, ff_mult) for _ in c_ins] if attention else [])


class UNet(nn.Module):
    def __init__(self, channels=(64, 128), layers=1, context_dim=128, head_dim=32, ff_mult=4,
                 attention=(True, True), mid_attention=True, mid_resnets=2, in_channels=4):
        super().__init__()
        assert mid_resnets == 2 or not mid_attention, "mid attention sits between two ResNet blocks"
        self.config = dict(block_out_channels=list(channels), layers_per_block=layers,
                           cross_attention_dim=context_dim, attention_head_dim=head_dim, ff_mult=ff_mult,
                           attention=list(attention), mid_attention=mid_attention, mid_resnets=mid_resnets,
                           in_channels=in_channels, out_channels=in_channels)
        c0, temb_dim = channels[0], channels[0] * 4
        self.register_buffer("freqs", timestep_frequencies(c0), persistent=False)
        self.time_linear_1 = Linear(c0, temb_dim)
        self.time_linear_2 = Linear(temb_dim, temb_dim)
        self.conv_in = nn.Conv2d(in_channels, c0, 3, padding=1)

        heads = lambda c: max(1, c // head_dim)
        skip_ch, c = [c0], c0
        self.down = nn.ModuleList()
        self.downsamplers = nn.ModuleList()
        for i, co in enumerate(channels):
            ins = [c] + [co] * (layers - 1)
            self.down.append(Level(ins, co, temb_dim, heads(co), context_dim, ff_mult, attention[i]))
            c = co
            skip_ch += [co] * layers
            if i < len(channels) - 1:
                self.downsamplers.append(nn.Conv2d(c, c, 3, stride=2, padding=1))
                skip_ch.append(c)
        self.mid_res1 = ResnetBlock(c, c, temb_dim)
        self.mid_attn = SpatialTransformer(c, heads(c), context_dim, ff_mult) if mid_attention else None
        self.mid_res2 = ResnetBlock(c, c, temb_dim) if mid_resnets > 1 else None

        self.up = nn.ModuleList()
        self.upsamplers = nn.ModuleList()
        for i in reversed(range(len(channels))):
            co = channels[i]
            ins = []
            for _ in range(layers + 1):
                ins.append(c + skip_ch.pop())
                c = co
            self.up.append(Level(ins, co, temb_dim, heads(co), context_dim, ff_mult, attention[i]))
            if i > 0:
                self.upsamplers.append(nn.Conv2d(c, c, 3, padding=1))
        self.norm_out = GroupNorm(min(NORM_GROUPS, c), c)
        self.conv_out = nn.Conv2d(c, in_channels, 3, padding=1)

    @staticmethod
    def _run(level, j, h, temb, context):
        h = level.resnets[j](h, temb)
        return level.attentions[j](h, context) if len(level.attentions) else h

    def forward(self, sample, timestep, encoder_hidden_states):
        ctx = encoder_hidden_states
        temb = self.time_linear_2(F.silu(self.time_linear_1(timestep_embedding(timestep, self.freqs))))
        h = self.conv_in(sample)
        skips = [h]
        for i, level in enumerate(self.down):
            for j in range(len(level.resnets)):
                h = self._run(level, j, h, temb, ctx)
                skips.append(h)
            if i < len(self.downsamplers):
                h = self.downsamplers[i](h)
                skips.append(h)
        h = self.mid_res1(h, temb)
        if self.mid_attn is not None:
            h = self.mid_attn(h, ctx)
        if self.mid_res2 is not None:
            h = self.mid_res2(h, temb)
        for i, level in enumerate(self.up):
            for j in range(len(level.resnets)):
                h = self._run(level, j, torch.cat([h, skips.pop()], dim=1), temb, ctx)
            if i < len(self.upsamplers):
                h = F.interpolate(h, size=skips[-1].shape[-2:], mode="nearest")
                h = self.upsamplers[i](h)
        return self.conv_out(F.silu(self.norm_out(h)))
