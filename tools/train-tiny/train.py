"""Trains and exports the tiny Stable-Diffusion-shaped model (see README.md).

    /usr/bin/python3 tools/train-tiny/train.py --out models          # full run, ~35 min on 2 cores
    /usr/bin/python3 tools/train-tiny/train.py --out /tmp/x --quick  # smoke run, ~2 min

Phases: BPE vocabulary -> VAE (then frozen) -> UNet + text encoder (jointly, diffusion loss)
-> export <out>/tiny-shapes (fp32) and <out>/tiny-shapes-fp16 -> evaluation of the exported
weights (EVAL.md, samples.png).
"""
import argparse
import json
import os
import shlex
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import data  # noqa: E402
import evaluate  # noqa: E402
from bpe_tokenizer import CLIPBPETokenizer, learn_bpe  # noqa: E402
from export_onnx import export_all, load_modules, write_reference_io  # noqa: E402
from fp16 import make_fp16  # noqa: E402
from layers import count_params  # noqa: E402
from progress import Progress, fmt  # noqa: E402
from schedule import NUM_TRAIN_TIMESTEPS, DDPMSchedule  # noqa: E402
from text_encoder import TextEncoder  # noqa: E402
from train_vae import fit_latent_rgb, lr_at, measure_scaling_factor, train_vae  # noqa: E402
from unet import UNet  # noqa: E402

CAPTION_DROPOUT = 0.1
# 64/128 channels, 1 ResNet per down level (2 per up level), cross-attention after each
# (6 blocks), one mid ResNet, GEGLU feed-forward x2: ~3.2M parameters.
UNET_CONFIG = dict(channels=(64, 128), layers=1, ff_mult=2, mid_attention=False, mid_resnets=1)
IMAGES_PER_CAPTION = 2   # each caption in a batch is drawn twice (different jitter, noise, t)


def log(msg):
    print(msg, flush=True)


class EMA:
    def __init__(self, modules, decay):
        self.params = [p for m in modules for p in m.parameters()]
        self.shadow = [p.detach().clone() for p in self.params]
        self.decay = decay

    @torch.no_grad()
    def update(self, step):
        d = min(self.decay, (1 + step) / (10 + step))
        torch._foreach_mul_(self.shadow, d)
        torch._foreach_add_(self.shadow, [p.detach() for p in self.params], alpha=1 - d)

    @torch.no_grad()
    def copy_to(self):
        for p, s in zip(self.params, self.shadow):
            p.copy_(s)


@torch.no_grad()
def latent_pool(vae, combos, per_combo, seed, chunk=256):
    """VAE posteriors (mean, std) of per_combo renders of each combination, encoded once
    (encoding on the fly cost ~30% of a UNet step). Returns mean, std [N,4,8,8], combo index [N]."""
    idx = torch.arange(len(combos)).repeat(per_combo)
    fg, sh, bg = data.combo_indices(combos)
    gen = torch.Generator().manual_seed(seed)
    means, stds = [], []
    for i in range(0, len(idx), chunk):
        j = idx[i:i + chunk]
        mean, logvar = vae.encode(data.render(fg[j], sh[j], bg[j], gen))
        means.append(mean)
        stds.append(torch.exp(0.5 * logvar))
    return torch.cat(means), torch.cat(stds), idx


def train_unet(args, vae, scaling_factor, tok, log=log):
    torch.manual_seed(args.seed + 10)
    te = TextEncoder(len(tok.encoder))
    unet = UNet(**UNET_CONFIG)
    sched = DDPMSchedule()
    shapes = data.ShapeData(data.train_combos(), args.seed + 11)
    gen = torch.Generator().manual_seed(args.seed + 12)
    t0 = time.time()
    pool_mean, pool_std, pool_combo = latent_pool(vae, shapes.combos, args.pool_per_combo, args.seed + 13)
    by_combo = [torch.nonzero(pool_combo == c).flatten() for c in range(len(shapes.combos))]
    log(f"[unet] latent pool: {len(pool_combo)} encoded renders in {time.time() - t0:.0f} s")
    train_ids = torch.tensor([tok(c) for c in shapes.captions(torch.arange(len(shapes.combos)))], dtype=torch.int32)
    empty_ids = torch.tensor([tok("")], dtype=torch.int32)
    params = list(unet.parameters()) + list(te.parameters())
    opt = torch.optim.AdamW(params, lr=args.lr, betas=(0.9, 0.99), weight_decay=0.01)
    ema = EMA([unet, te], args.ema)
    n_cap = args.batch // IMAGES_PER_CAPTION
    warmup = max(1, min(100, args.unet_steps // 10))
    prog = Progress("unet", args.unet_steps, log)
    for step in range(args.unet_steps):
        for g in opt.param_groups:
            g["lr"] = lr_at(step, args.unet_steps, args.lr, warmup)
        pick = torch.randint(len(shapes.combos), (n_cap,), generator=gen)
        rep = pick.repeat_interleave(IMAGES_PER_CAPTION)
        k = torch.randint(args.pool_per_combo, (len(rep),), generator=gen)
        j = torch.stack([by_combo[c][i] for c, i in zip(rep.tolist(), k.tolist())])
        z0 = (pool_mean[j] + pool_std[j] * torch.randn(pool_mean[j].shape, generator=gen)) * scaling_factor
        states = te(torch.cat([train_ids[pick], empty_ids]))[0]          # [n_cap + 1, 77, D]
        which = torch.arange(n_cap).repeat_interleave(IMAGES_PER_CAPTION)
        which[torch.rand(len(which), generator=gen) < CAPTION_DROPOUT] = n_cap
        t = torch.randint(0, NUM_TRAIN_TIMESTEPS, (len(rep),), generator=gen)
        noise = torch.randn(z0.shape, generator=gen)
        pred = unet(sched.add_noise(z0, noise, t), t.float(), states[which])
        per = (pred - noise).pow(2).mean(dim=(1, 2, 3))
        loss = (sched.min_snr_weight(t) * per).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        ema.update(step)
        prog.update(step + 1, {"loss": loss.item(), "mse": per.mean().item()})
    ema.copy_to()
    return te.eval(), unet.eval()


def folder_mb(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs) / 1e6


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="models", help="writes <out>/<name> and <out>/<name>-fp16")
    ap.add_argument("--name", default="tiny-shapes")
    ap.add_argument("--quick", action="store_true", help="smoke run (~2 min): few steps, 1 eval sample")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--vae-steps", type=int, default=1500)
    ap.add_argument("--vae-batch", type=int, default=16)
    ap.add_argument("--vae-lr", type=float, default=2e-3)
    ap.add_argument("--unet-steps", type=int, default=1700)
    ap.add_argument("--batch", type=int, default=64, help="UNet batch (images); half as many captions")
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--pool-per-combo", type=int, default=128, help="encoded renders per training combination")
    ap.add_argument("--ema", type=float, default=0.995)
    ap.add_argument("--eval-samples", type=int, default=2, help="samples per prompt in the evaluation")
    ap.add_argument("--refs", default=None, help="also write reference I/O for check_onnx.mjs to this dir")
    args = ap.parse_args()
    if args.quick:
        args.vae_steps, args.unet_steps, args.eval_samples, args.pool_per_combo = 60, 40, 1, 8
    command = "/usr/bin/python3 tools/train-tiny/train.py " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    torch.set_num_threads(args.threads)
    torch.set_flush_denormal(True)
    t_start = time.time()
    out = os.path.join(args.out, args.name)
    out16 = out + "-fp16"
    log(f"[train] {command}")
    log(f"[train] vae {args.vae_steps} steps x {args.vae_batch}, unet {args.unet_steps} steps x {args.batch}, "
        f"{args.threads} threads, seed {args.seed}, out {out}")

    vocab, merges = learn_bpe([data.caption(*c) for c in data.all_combos()])
    tok = CLIPBPETokenizer(vocab, merges)
    log(f"[train] BPE: {len(merges)} merges, vocab {len(vocab)}")

    t0 = time.time()
    vae = train_vae(args.vae_steps, args.vae_batch, args.seed, lr=args.vae_lr, log=log)
    scaling_factor, z_mean, post_std = measure_scaling_factor(vae)
    scaling_factor = round(scaling_factor, 5)
    matrix, bias, rmse = fit_latent_rgb(vae, scaling_factor)
    t_vae = time.time() - t0
    log(f"[train] vae done in {fmt(t_vae)}: scaling_factor {scaling_factor} (latent mean {z_mean:.3f}, "
        f"posterior std {post_std:.4f}), latent_rgb rmse {rmse:.4f}")

    t0 = time.time()
    te, unet = train_unet(args, vae, scaling_factor, tok)
    t_unet = time.time() - t0
    log(f"[train] unet + text encoder done in {fmt(t_unet)}")

    latent_rgb = {
        "space": "scaled",
        "scaling_factor": scaling_factor,
        "description": "rgb[c] = bias[c] + sum_k latent[k] * matrix[k][c] at each latent pixel, latent = "
                       "scaled latent (VAE posterior x scaling_factor, the sampler's space); rgb in [0,1], clamp. "
                       "Least-squares fit on training images (8x8-block mean colours).",
        "matrix": [[round(v, 6) for v in row] for row in matrix],
        "bias": [round(v, 6) for v in bias],
        "rmse": round(rmse, 5),
    }
    training = {
        "command": command,
        "seed": args.seed,
        "threads": args.threads,
        "vae_steps": args.vae_steps, "vae_batch": args.vae_batch, "vae_minutes": round(t_vae / 60, 2),
        "unet_steps": args.unet_steps, "unet_batch": args.batch, "unet_minutes": round(t_unet / 60, 2),
        "captions_per_batch": args.batch // IMAGES_PER_CAPTION, "latent_pool_per_combo": args.pool_per_combo,
        "lr": args.lr, "ema": args.ema, "caption_dropout": CAPTION_DROPOUT, "loss": "epsilon MSE, min-SNR-5 weights",
        "params_unet": count_params(unet), "params_text_encoder": count_params(te), "params_vae": count_params(vae),
        "scaling_factor": scaling_factor,
    }
    t0 = time.time()
    export_all(out, te, unet, vae, vocab, merges, scaling_factor, latent_rgb, training)
    make_fp16(out, out16, {"unet": {n for n, _ in unet.named_parameters()},
                           "text_encoder": {n for n, _ in te.named_parameters()}})
    log(f"[train] exported {out} ({folder_mb(out):.1f} MB) and {out16} ({folder_mb(out16):.1f} MB) "
        f"in {time.time() - t0:.0f} s")

    # Evaluate the modules rebuilt from the exported ONNX weights.
    tok2, te2, unet2, vae2, sf2, _ = load_modules(out)
    report, images, first = evaluate.evaluate(te2, unet2, vae2, tok2, sf2, args.eval_samples, log=log)
    evaluate.print_report(report, log)
    if args.refs:
        write_reference_io(out, args.refs, te2, unet2, vae2, tok2)
    total = time.time() - t_start
    training["eval_minutes"] = round(report["seconds"] / 60, 2)
    training["total_minutes"] = round(total / 60, 2)
    training["model_mb_fp32"] = round(folder_mb(out), 2)
    training["model_mb_fp16"] = round(folder_mb(out16), 2)
    evaluate.contact_sheet(images, first, os.path.join(out, "samples.png"))
    evaluate.write_eval_md(os.path.join(out, "EVAL.md"), report, training, command)
    with open(os.path.join(out, "unet", "config.json")) as f:
        cfg = json.load(f)
    cfg["training"] = training
    for folder in (out, out16):
        with open(os.path.join(folder, "unet", "config.json"), "w") as f:
            json.dump(dict(cfg, torch_dtype="float16" if folder == out16 else "float32"), f, indent=2)
            f.write("\n")
    log(f"[train] total {fmt(total)}; {out}: {folder_mb(out):.1f} MB, {out16}: {folder_mb(out16):.1f} MB")


if __name__ == "__main__":
    main()
