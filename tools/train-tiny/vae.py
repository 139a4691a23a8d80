"""KL autoencoder (AutoencoderKL's structure, small): 8x spatial down-sampling, 4 latent channels.

Encoder: conv_in, per level ResBlocks then a stride-2 conv (3 times: 64 -> 8), mid ResBlock,
GroupNorm+SiLU, conv_out -> 2*4 channels (posterior mean, log-variance).
Decoder: conv_in, mid ResBlock, per level ResBlocks then nearest x2 upsample + conv,
GroupNorm+SiLU, conv_out -> 3 channels, clamped to [-1,1] (the training loss sees the
unclamped output).
Nearest upsample + conv instead of ConvTranspose (much faster on CPU).
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from layers import GroupNorm

LATENT_CHANNELS = 4


def groups_for(c):
    return min(8, c)


class ResBlock(nn.Module):
    def __init__(self, c_in, c_out):
        super().__init__()
        self.norm1 = GroupNorm(groups_for(c_in), c_in)
        self.conv1 = nn.Conv2d(c_in, c_out, 3, padding=1)
        self.norm2 = GroupNorm(groups_for(c_out), c_out)
        self.conv2 = nn.Conv2d(c_out, c_out, 3, padding=1)
        self.skip = nn.Conv2d(c_in, c_out, 1) if c_in != c_out else None

    def forward(self, x):
        h = self.conv1(F.silu(self.norm1(x)))
        h = self.conv2(F.silu(self.norm2(h)))
        return h + (self.skip(x) if self.skip is not None else x)


class Encoder(nn.Module):
    def __init__(self, channels, layers):
        super().__init__()
        self.conv_in = nn.Conv2d(3, channels[0], 3, padding=1)
        blocks, c = [], channels[0]
        for i, co in enumerate(channels):
            for _ in range(layers):
                blocks.append(ResBlock(c, co))
                c = co
            if i < len(channels) - 1:
                blocks.append(nn.Conv2d(c, c, 3, stride=2, padding=1))
        self.blocks = nn.Sequential(*blocks)
        self.mid = ResBlock(c, c)
        self.norm_out = GroupNorm(groups_for(c), c)
        self.conv_out = nn.Conv2d(c, 2 * LATENT_CHANNELS, 3, padding=1)
        with torch.no_grad():  # start with a small posterior std so the decoder sees signal at once
            self.conv_out.bias[LATENT_CHANNELS:].fill_(-6.0)

    def forward(self, x):
        h = self.mid(self.blocks(self.conv_in(x)))
        return self.conv_out(F.silu(self.norm_out(h)))


class Upsample(nn.Module):
    def __init__(self, c_in, c_out):
        super().__init__()
        self.conv = nn.Conv2d(c_in, c_out, 3, padding=1)

    def forward(self, x):
        return self.conv(F.interpolate(x, scale_factor=2.0, mode="nearest"))


class Decoder(nn.Module):
    def __init__(self, channels, layers):
        super().__init__()
        c = channels[-1]
        self.conv_in = nn.Conv2d(LATENT_CHANNELS, c, 3, padding=1)
        self.mid = ResBlock(c, c)
        blocks = []
        for i in reversed(range(len(channels))):
            for _ in range(layers):
                blocks.append(ResBlock(c, channels[i]))
                c = channels[i]
            if i > 0:
                blocks.append(Upsample(c, channels[i - 1]))
                c = channels[i - 1]
        self.blocks = nn.Sequential(*blocks)
        self.norm_out = GroupNorm(groups_for(c), c)
        self.conv_out = nn.Conv2d(c, 3, 3, padding=1)

    def forward(self, z, clamp=True):
        h = self.blocks(self.mid(self.conv_in(z)))
        x = self.conv_out(F.silu(self.norm_out(h)))
        return x.clamp(-1.0, 1.0) if clamp else x


class VAE(nn.Module):
    def __init__(self, channels=(16, 32, 64, 64), layers=1):
        super().__init__()
        self.config = dict(block_out_channels=list(channels), layers_per_block=layers)
        self.encoder = Encoder(channels, layers)
        self.decoder = Decoder(channels, layers)

    def encode(self, x):
        """Posterior (mean, logvar), each [B,4,H/8,W/8]."""
        moments = self.encoder(x)
        mean, logvar = moments[:, :LATENT_CHANNELS], moments[:, LATENT_CHANNELS:]
        return mean, logvar.clamp(-30.0, 20.0)

    def decode(self, z, clamp=True):
        """Image in [-1,1]; clamp=False gives the raw output (training loss, no dead gradient)."""
        return self.decoder(z, clamp)


class VAEEncoderExport(nn.Module):
    """ONNX vae_encoder: sample [B,3,H,W] in [-1,1] -> latent_sample (posterior mean, unscaled)."""

    def __init__(self, vae):
        super().__init__()
        self.encoder = vae.encoder

    def forward(self, sample):
        return self.encoder(sample)[:, :LATENT_CHANNELS]


class VAEDecoderExport(nn.Module):
    """ONNX vae_decoder: latent_sample [B,4,h,w] (unscaled) -> sample [B,3,8h,8w] in [-1,1]."""

    def __init__(self, vae):
        super().__init__()
        self.decoder = vae.decoder

    def forward(self, latent_sample):
        return self.decoder(latent_sample)
