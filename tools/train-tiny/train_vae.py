"""Phase 1: train the VAE (then frozen), measure the latent scaling factor, fit latent_rgb."""
import math

import torch
import torch.nn.functional as F

import data
from progress import Progress
from vae import VAE

KL_WEIGHT = 1e-5


def lr_at(step, total, peak, warmup):
    if step < warmup:
        return peak * (step + 1) / warmup
    p = (step - warmup) / max(1, total - warmup)
    return peak * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * p)))


def train_vae(steps, batch, seed, lr=2e-3, log=print):
    torch.manual_seed(seed)
    vae = VAE()
    shapes = data.ShapeData(data.train_combos(), seed + 1)
    noise_gen = torch.Generator().manual_seed(seed + 2)
    opt = torch.optim.Adam(vae.parameters(), lr=lr)
    prog = Progress("vae", steps, log)
    for step in range(steps):
        for g in opt.param_groups:
            g["lr"] = lr_at(step, steps, lr, warmup=max(1, steps // 20))
        img, _ = shapes.batch(batch)
        mean, logvar = vae.encode(img)
        z = mean + torch.exp(0.5 * logvar) * torch.randn(mean.shape, generator=noise_gen)
        rec = vae.decode(z, clamp=False)
        l1 = (rec - img).abs().mean()
        mse = (rec - img).pow(2).mean()
        kl = 0.5 * (mean.pow(2) + logvar.exp() - 1 - logvar).mean()
        loss = l1 + mse + KL_WEIGHT * kl
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        prog.update(step + 1, {"l1": l1.item(), "mse": mse.item(), "kl": kl.item()})
    vae.eval()
    for p in vae.parameters():
        p.requires_grad_(False)
    return vae


def training_images(n, seed, batch=256):
    shapes = data.ShapeData(data.train_combos(), seed)
    for i in range(0, n, batch):
        yield shapes.batch(min(batch, n - i))[0]


@torch.no_grad()
def measure_scaling_factor(vae, n=2048, seed=11):
    """1 / std of posterior samples over training images (SD's recipe for 0.18215)."""
    gen = torch.Generator().manual_seed(seed + 1)
    zs = []
    for img in training_images(n, seed):
        mean, logvar = vae.encode(img)
        zs.append(mean + torch.exp(0.5 * logvar) * torch.randn(mean.shape, generator=gen))
    z = torch.cat(zs)
    return float(1.0 / z.std()), float(z.mean()), float(torch.exp(0.5 * vae.encode(img)[1]).mean())


@torch.no_grad()
def fit_latent_rgb(vae, scaling_factor, n=2048, seed=12):
    """Least squares: scaled latent (4 values at a latent pixel) -> mean RGB in [0,1] of the
    corresponding 8x8 image block. Returns (matrix [4][3], bias [3], rmse)."""
    xs, ys = [], []
    for img in training_images(n, seed):
        z = vae.encode(img)[0] * scaling_factor
        rgb = F.avg_pool2d((img + 1) / 2, 8)
        xs.append(z.permute(0, 2, 3, 1).reshape(-1, 4))
        ys.append(rgb.permute(0, 2, 3, 1).reshape(-1, 3))
    x = torch.cat(xs).double()
    y = torch.cat(ys).double()
    a = torch.cat([x, torch.ones(len(x), 1, dtype=torch.float64)], dim=1)
    sol = torch.linalg.lstsq(a, y).solution
    pred = a @ sol
    rmse = float((pred - y).pow(2).mean().sqrt())
    return sol[:4].tolist(), sol[4].tolist(), rmse
