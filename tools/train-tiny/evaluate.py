"""Evaluation: Euler 20 steps, guidance 7.5 over every colour x shape x background prompt,
scored by the pixel classifier (classify.py); writes EVAL.md and samples.png.

Standalone (evaluates the PyTorch modules rebuilt from the exported ONNX weights):
    /usr/bin/python3 tools/train-tiny/evaluate.py --model models/tiny-shapes
"""
import argparse
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import classify  # noqa: E402
import data  # noqa: E402
from euler import sample_cfg  # noqa: E402
from png import to_uint8, write_png  # noqa: E402

STEPS, GUIDANCE, SEED = 20, 7.5, 1000
BARS = {"shape_colour": 0.90, "background": 0.95, "shape": 0.70}


def noise_for(prompt_index, sample_index, seed=SEED):
    """The initial noise of one sample: torch.randn([1,4,8,8]) from Generator().manual_seed(s),
    s = seed + 1000 * sample_index + prompt_index."""
    g = torch.Generator().manual_seed(seed + 1000 * sample_index + prompt_index)
    return torch.randn([1, 4, 8, 8], generator=g)


@torch.no_grad()
def generate(te, unet, vae, tok, scaling_factor, combos, sample_index, chunk=56, log=print):
    ids = torch.tensor([tok(data.caption(*c)) for c in combos], dtype=torch.int32)
    cond = te(ids)[0]
    uncond = te(torch.tensor([tok("")], dtype=torch.int32))[0]
    images = []
    for i in range(0, len(combos), chunk):
        n = min(chunk, len(combos) - i)
        noise = torch.cat([noise_for(i + k, sample_index) for k in range(n)])
        lat = sample_cfg(unet, cond[i:i + n], uncond.expand(n, -1, -1), noise, STEPS, GUIDANCE)
        images.append(vae.decode(lat / scaling_factor))
    return torch.cat(images)


def classify_batch(images):
    return [classify.classify(((im + 1) / 2).numpy()) for im in images]


@torch.no_grad()
def validate_classifier(vae=None, repeats=3, seed=4242):
    """Classifier accuracy on ground-truth renders (and on their VAE reconstructions)."""
    combos = data.all_combos() * repeats
    fg, sh, bg = data.combo_indices(combos)
    img = data.render(fg, sh, bg, torch.Generator().manual_seed(seed))
    out = {"ground_truth": classify.score(classify_batch(img), combos)}
    if vae is not None:
        rec = torch.cat([vae.decode(vae.encode(img[i:i + 128])[0]) for i in range(0, len(img), 128)])
        out["vae_reconstruction"] = classify.score(classify_batch(rec), combos)
        out["vae_psnr_db"] = float(10 * torch.log10(4.0 / (rec - img).pow(2).mean()))
    return out


def evaluate(te, unet, vae, tok, scaling_factor, samples_per_prompt=2, log=print):
    t0 = time.time()
    combos = data.all_combos()
    held = set(data.HELD_OUT)
    results, first_images = [], None
    for s in range(samples_per_prompt):
        imgs = generate(te, unet, vae, tok, scaling_factor, combos, s)
        if first_images is None:
            first_images = imgs
        results.extend(zip(classify_batch(imgs), combos))
        log(f"[eval] sample set {s + 1}/{samples_per_prompt} done, {time.time() - t0:.0f} s")

    def score(pred):
        sel = [(r, c) for r, c in results if pred(c)]
        return classify.score([r for r, _ in sel], [c for _, c in sel])

    report = {
        "overall": score(lambda c: True),
        "train_combos": score(lambda c: c not in held),
        "heldout_combos": score(lambda c: c in held),
        "samples_per_prompt": samples_per_prompt,
        "seconds": time.time() - t0,
        "classifier_check": validate_classifier(vae),
        "heldout_detail": [
            {"combo": c, "got": [(r["fg"], r["shape"], r["bg"]) for r, cc in results if cc == c]}
            for c in data.HELD_OUT],
    }
    report["passes_bar"] = all(report["overall"][k] >= v for k, v in BARS.items())
    return report, first_images, [r for r, _ in results[:len(combos)]]


def contact_sheet(images, results, path, cell=32):
    """Rows: shape colour x shape (24); columns: background colour (8). Frame colour: green =
    classified correctly, red = wrong; held-out combinations: cyan = correct, magenta = wrong."""
    combos = data.all_combos()
    held = set(data.HELD_OUT)
    pad = 2
    rows, cols = len(data.COLOURS) * len(data.SHAPES), len(data.COLOURS)
    sheet = np.full((rows * (cell + 2 * pad), cols * (cell + 2 * pad), 3), 255, np.uint8)
    for img, res, c in zip(images, results, combos):
        fg, shape, bg = c
        r = data.COLOURS.index(fg) * len(data.SHAPES) + data.SHAPES.index(shape)
        k = data.COLOURS.index(bg)
        ok = (res["fg"], res["shape"], res["bg"]) == c
        frame = {(False, True): (0, 160, 0), (False, False): (210, 0, 0),
                 (True, True): (0, 200, 220), (True, False): (220, 0, 220)}[(c in held, ok)]
        y, x = r * (cell + 2 * pad), k * (cell + 2 * pad)
        sheet[y:y + cell + 2 * pad, x:x + cell + 2 * pad] = frame
        small = torch.nn.functional.avg_pool2d(img[None], img.shape[-1] // cell)[0] if img.shape[-1] > cell else img
        sheet[y + pad:y + pad + cell, x + pad:x + pad + cell] = to_uint8(small)
    write_png(path, sheet)


def pct(x):
    return f"{100 * x:.1f}%"


def write_eval_md(path, report, training=None, command=None):
    ov, tr, ho = report["overall"], report["train_combos"], report["heldout_combos"]
    cc = report["classifier_check"]
    lines = ["# tiny-shapes evaluation", ""]
    lines += [f"Sampler: Euler (EulerDiscreteScheduler, SD 1.5 config, timestep_spacing leading, steps_offset 1), "
              f"{STEPS} steps, guidance {GUIDANCE} (batched uncond/cond, empty prompt as uncond), "
              f"{report['samples_per_prompt']} sample(s) per prompt for all {len(data.all_combos())} "
              f"colour x shape x background prompts; noise torch.randn([1,4,8,8]) from "
              f"torch.Generator().manual_seed({SEED} + 1000*sample + prompt_index), prompt_index = position in the "
              f"order shape colour ({', '.join(data.COLOURS)}), then shape ({', '.join(data.SHAPES)}), then "
              f"background colour, skipping equal colours (0 = a red circle on a green background).", ""]
    lines += ["| prompts | n | shape colour | background | shape | all three |", "|---|---|---|---|---|---|"]
    for name, s in (("all", ov), ("training combos", tr), ("held-out combos", ho)):
        lines.append(f"| {name} | {s['n']} | {pct(s['shape_colour'])} | {pct(s['background'])} | {pct(s['shape'])} | {pct(s['all'])} |")
    bar = ", ".join(f"{k.replace('_', ' ')} >= {pct(v)}" for k, v in BARS.items())
    lines += ["", f"Bar ({bar}) on all prompts: **{'PASS' if report['passes_bar'] else 'FAIL'}**", ""]
    gt = cc["ground_truth"]
    lines += ["Classifier check (same classifier on rendered ground truth, 3 renders per combination): "
              f"shape colour {pct(gt['shape_colour'])}, background {pct(gt['background'])}, shape {pct(gt['shape'])}."]
    if "vae_reconstruction" in cc:
        vr = cc["vae_reconstruction"]
        lines += [f"On VAE reconstructions of the same images (the ceiling for generated samples): "
                  f"shape colour {pct(vr['shape_colour'])}, background {pct(vr['background'])}, "
                  f"shape {pct(vr['shape'])}; PSNR {cc['vae_psnr_db']:.1f} dB."]
    lines += ["", "Classifier: background = nearest palette colour of the border ring's median; shape pixels = "
              "farther than 0.25 (RGB in [0,1]) from it; shape colour = nearest palette colour of their median; "
              "shape = best IoU among area/centroid-matched circle, square and upright-triangle templates.", ""]
    lines += ["## Held-out combinations (never in training)", "", "| prompt | classified as |", "|---|---|"]
    for d in report["heldout_detail"]:
        got = "; ".join(" ".join(str(v) for v in g) for g in d["got"])
        lines.append(f"| {data.caption(*d['combo'])} | {got} |")
    if training:
        lines += ["", "## Training", ""]
        for k, v in training.items():
            lines.append(f"- {k}: {v}")
    if command:
        lines += ["", "Command:", "", f"    {command}"]
    lines += ["", "samples.png: one sample per prompt (downscaled to 32x32); rows = shape colour x shape (circle, square, triangle), "
              "columns = background colour (" + ", ".join(data.COLOURS) + "). Frame: green = correct, red = wrong; "
              "held-out combinations cyan = correct, magenta = wrong.", ""]
    with open(path, "w") as f:
        f.write("\n".join(lines))


def print_report(report, log=print):
    for name in ("overall", "train_combos", "heldout_combos"):
        s = report[name]
        log(f"[eval] {name}: shape colour {pct(s['shape_colour'])} background {pct(s['background'])} "
            f"shape {pct(s['shape'])} all {pct(s['all'])} (n={s['n']})")
    log(f"[eval] classifier check: {report['classifier_check']}")
    log(f"[eval] bar {'PASS' if report['passes_bar'] else 'FAIL'}")


def main():
    from export_onnx import load_modules
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", default="models/tiny-shapes")
    ap.add_argument("--samples", type=int, default=2, help="samples per prompt")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--no-write", action="store_true", help="do not rewrite EVAL.md / samples.png")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_flush_denormal(True)
    tok, te, unet, vae, sf, training = load_modules(a.model)
    report, images, first = evaluate(te, unet, vae, tok, sf, a.samples)
    print_report(report)
    if not a.no_write:
        write_eval_md(os.path.join(a.model, "EVAL.md"), report, training, (training or {}).get("command"))
        contact_sheet(images, first, os.path.join(a.model, "samples.png"))


if __name__ == "__main__":
    main()
