"""Export to the diffusers ONNX folder layout (as real SD 1.x ONNX exports), and load it back.

<out>/
  model_index.json                 OnnxStableDiffusionPipeline components
  scheduler/scheduler_config.json  SD 1.5's (PNDMScheduler, scaled_linear, leading, offset 1)
  tokenizer/                       vocab.json, merges.txt, tokenizer_config.json, special_tokens_map.json
  text_encoder/model.onnx          input_ids int32 [B,77] -> last_hidden_state [B,77,D], pooler_output [B,D]
  unet/model.onnx                  sample [B,4,h,w], timestep [B] or [1], encoder_hidden_states [B,77,D] -> out_sample
  vae_encoder/model.onnx           sample [B,3,H,W] in [-1,1] -> latent_sample (posterior mean, unscaled)
  vae_decoder/model.onnx           latent_sample [B,4,h,w] (unscaled) -> sample [B,3,8h,8w] in [-1,1]
  */config.json, latent_rgb.json, heldout.json

Every trained parameter is an initializer named after it (see layers.py), so
load_modules(folder) rebuilds the PyTorch modules from the exported weights.
"""
import json
import os

import onnx
import torch
from onnx import numpy_helper

import data
from bpe_tokenizer import CLIPBPETokenizer, save_tokenizer
from schedule import SCHEDULER_CONFIG
from text_encoder import MAX_POSITIONS, TextEncoder
from unet import UNet
from vae import LATENT_CHANNELS, VAE, VAEDecoderExport, VAEEncoderExport

OPSET = 14
DIFFUSERS_VERSION = "0.6.0"


def write_json(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")


def read_json(path):
    with open(path) as f:
        return json.load(f)


def model_index():
    return {
        "_class_name": "OnnxStableDiffusionPipeline",
        "_diffusers_version": DIFFUSERS_VERSION,
        "feature_extractor": [None, None],
        "requires_safety_checker": False,
        "safety_checker": [None, None],
        "scheduler": ["diffusers", "PNDMScheduler"],
        "text_encoder": ["diffusers", "OnnxRuntimeModel"],
        "tokenizer": ["transformers", "CLIPTokenizer"],
        "unet": ["diffusers", "OnnxRuntimeModel"],
        "vae_decoder": ["diffusers", "OnnxRuntimeModel"],
        "vae_encoder": ["diffusers", "OnnxRuntimeModel"],
    }


def text_encoder_config(te, tok):
    c = te.config
    return {
        "_name_or_path": "latentflow/tiny-shapes",
        "architectures": ["CLIPTextModel"],
        "model_type": "clip_text_model",
        "hidden_act": "quick_gelu",
        "hidden_size": c["hidden_size"],
        "intermediate_size": c["intermediate_size"],
        "num_attention_heads": c["num_attention_heads"],
        "num_hidden_layers": c["num_hidden_layers"],
        "max_position_embeddings": MAX_POSITIONS,
        "vocab_size": c["vocab_size"],
        "layer_norm_eps": 1e-5,
        "bos_token_id": tok.bos_id,
        "eos_token_id": tok.eos_id,
        "pad_token_id": tok.pad_id,
        "torch_dtype": "float32",
    }


def unet_config(unet, training=None):
    c = unet.config
    cfg = {
        "_class_name": "UNet2DConditionModel",
        "_diffusers_version": DIFFUSERS_VERSION,
        "act_fn": "silu",
        "attention_head_dim": c["attention_head_dim"],
        "block_out_channels": c["block_out_channels"],
        "cross_attention_dim": c["cross_attention_dim"],
        "down_block_types": ["CrossAttnDownBlock2D" if a else "DownBlock2D" for a in c["attention"]],
        "up_block_types": ["CrossAttnUpBlock2D" if a else "UpBlock2D" for a in reversed(c["attention"])],
        "mid_block_type": "UNetMidBlock2DCrossAttn" if c["mid_attention"] else "UNetMidBlock2D",
        "mid_block_resnets": c["mid_resnets"],
        "flip_sin_to_cos": True,
        "freq_shift": 0,
        "in_channels": c["in_channels"],
        "out_channels": c["out_channels"],
        "layers_per_block": c["layers_per_block"],
        "ff_mult": c["ff_mult"],
        "ff_activation": "geglu",
        "norm_num_groups": 16,
        "sample_size": 8,
        "prediction_type": "epsilon",
        "timestep_input": "[B] or [1] (broadcast over the batch), same dtype as sample",
    }
    if training:
        cfg["training"] = training
    return cfg


def vae_config(vae, scaling_factor, part):
    c = vae.config
    n = len(c["block_out_channels"])
    return {
        "_class_name": "AutoencoderKL",
        "_diffusers_version": DIFFUSERS_VERSION,
        "part": part,
        "act_fn": "silu",
        "block_out_channels": c["block_out_channels"],
        "down_block_types": ["DownEncoderBlock2D"] * n,
        "up_block_types": ["UpDecoderBlock2D"] * n,
        "in_channels": 3,
        "out_channels": 3,
        "latent_channels": LATENT_CHANNELS,
        "layers_per_block": c["layers_per_block"],
        "norm_num_groups": 8,
        "sample_size": data.IMAGE_SIZE,
        "downsampling_factor": 2 ** (n - 1),
        "scaling_factor": scaling_factor,
        "output_range": [-1.0, 1.0],
    }


def _export(module, args, path, input_names, output_names, dynamic_axes):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    module.eval()
    with torch.no_grad():
        torch.onnx.export(module, args, path, input_names=input_names, output_names=output_names,
                          dynamic_axes=dynamic_axes, opset_version=OPSET, do_constant_folding=True)
    check_names(module, path)


def check_names(module, path):
    """Every parameter must be an initializer of the same name and shape (see layers.py)."""
    inits = {i.name: tuple(i.dims) for i in onnx.load(path).graph.initializer}
    bad = [n for n, p in module.named_parameters() if inits.get(n) != tuple(p.shape)]
    if bad:
        raise RuntimeError(f"{path}: parameters not exported under their names: {bad[:8]}")


def export_onnx_models(out, te, unet, vae):
    d = te.config["hidden_size"]
    _export(te, (torch.full((2, MAX_POSITIONS), 7, dtype=torch.int32),),
            os.path.join(out, "text_encoder", "model.onnx"),
            ["input_ids"], ["last_hidden_state", "pooler_output"],
            {"input_ids": {0: "batch"}, "last_hidden_state": {0: "batch"}, "pooler_output": {0: "batch"}})
    _export(unet, (torch.randn(2, 4, 8, 8), torch.tensor([500.0, 20.0]), torch.randn(2, MAX_POSITIONS, d)),
            os.path.join(out, "unet", "model.onnx"),
            ["sample", "timestep", "encoder_hidden_states"], ["out_sample"],
            {"sample": {0: "batch", 2: "height", 3: "width"}, "timestep": {0: "timestep_batch"},
             "encoder_hidden_states": {0: "batch"}, "out_sample": {0: "batch", 2: "height", 3: "width"}})
    image = {0: "batch", 2: "image_height", 3: "image_width"}
    latent = {0: "batch", 2: "height", 3: "width"}
    _export(VAEEncoderExport(vae), (torch.rand(1, 3, 64, 64) * 2 - 1,),
            os.path.join(out, "vae_encoder", "model.onnx"), ["sample"], ["latent_sample"],
            {"sample": image, "latent_sample": latent})
    _export(VAEDecoderExport(vae), (torch.randn(1, 4, 8, 8),),
            os.path.join(out, "vae_decoder", "model.onnx"), ["latent_sample"], ["sample"],
            {"latent_sample": latent, "sample": image})
    # the exporter leaves pooler_output's width symbolic; it is D
    path = os.path.join(out, "text_encoder", "model.onnx")
    m = onnx.load(path)
    for o in m.graph.output:
        dims = o.type.tensor_type.shape.dim
        dims[len(dims) - 1].Clear()
        dims[len(dims) - 1].dim_value = d
    onnx.checker.check_model(m)
    onnx.save(m, path)


def export_all(out, te, unet, vae, vocab, merges, scaling_factor, latent_rgb, training=None):
    tok = CLIPBPETokenizer(vocab, merges)
    export_onnx_models(out, te, unet, vae)
    write_json(os.path.join(out, "model_index.json"), model_index())
    write_json(os.path.join(out, "scheduler", "scheduler_config.json"), SCHEDULER_CONFIG)
    save_tokenizer(os.path.join(out, "tokenizer"), vocab, merges)
    write_json(os.path.join(out, "text_encoder", "config.json"), text_encoder_config(te, tok))
    write_json(os.path.join(out, "unet", "config.json"), unet_config(unet, training))
    write_json(os.path.join(out, "vae_encoder", "config.json"), vae_config(vae, scaling_factor, "encoder"))
    write_json(os.path.join(out, "vae_decoder", "config.json"), vae_config(vae, scaling_factor, "decoder"))
    write_json(os.path.join(out, "latent_rgb.json"), latent_rgb)
    write_json(os.path.join(out, "heldout.json"), heldout_json())


def heldout_json():
    return {
        "description": "colour/shape/background combinations never shown in training",
        "heldout": [{"shape_colour": f, "shape": s, "background": b, "prompt": data.caption(f, s, b)}
                    for f, s, b in data.HELD_OUT],
        "colours": data.PALETTE,
        "shapes": data.SHAPES,
        "caption_template": "a {shape_colour} {shape} on a {background} background",
    }


def _initializers(path):
    return {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in onnx.load(path).graph.initializer}


def _load(module, path):
    inits = _initializers(path)
    state = {name: inits[name].to(torch.float32).reshape(p.shape) for name, p in module.state_dict().items()}
    module.load_state_dict(state, strict=True)
    return module.eval()


def load_modules(folder):
    """Rebuilds (tokenizer, text_encoder, unet, vae, scaling_factor) from an exported fp32 folder."""
    tok = CLIPBPETokenizer.load(os.path.join(folder, "tokenizer"))
    tc = read_json(os.path.join(folder, "text_encoder", "config.json"))
    te = TextEncoder(tc["vocab_size"], tc["hidden_size"], tc["num_hidden_layers"], tc["num_attention_heads"],
                     tc["intermediate_size"])
    uc = read_json(os.path.join(folder, "unet", "config.json"))
    unet = UNet(channels=tuple(uc["block_out_channels"]), layers=uc["layers_per_block"],
                context_dim=uc["cross_attention_dim"], head_dim=uc["attention_head_dim"], ff_mult=uc["ff_mult"],
                attention=tuple(t.startswith("CrossAttn") for t in uc["down_block_types"]),
                mid_attention=uc["mid_block_type"].endswith("CrossAttn"), mid_resnets=uc["mid_block_resnets"],
                in_channels=uc["in_channels"])
    vc = read_json(os.path.join(folder, "vae_decoder", "config.json"))
    vae = VAE(tuple(vc["block_out_channels"]), vc["layers_per_block"])
    _load(te, os.path.join(folder, "text_encoder", "model.onnx"))
    _load(unet, os.path.join(folder, "unet", "model.onnx"))
    _load(VAEDecoderExport(vae), os.path.join(folder, "vae_decoder", "model.onnx"))
    _load(VAEEncoderExport(vae), os.path.join(folder, "vae_encoder", "model.onnx"))
    return tok, te, unet, vae.eval(), float(vc["scaling_factor"]), uc.get("training")


@torch.no_grad()
def write_reference_io(folder, ref_dir, te, unet, vae, tok):
    """Inputs and PyTorch outputs for checking the ONNX files (check_onnx.mjs)."""
    os.makedirs(ref_dir, exist_ok=True)
    g = torch.Generator().manual_seed(99)
    ids = torch.tensor([tok("a red circle on a gray background"), tok("")], dtype=torch.int32)
    hid, pooled = te(ids)
    cases = {"text_encoder": {"input_ids": ids, "last_hidden_state": hid, "pooler_output": pooled}}
    for name, (b, h, w, tb) in {"unet": (2, 8, 8, 2), "unet_t1": (2, 8, 8, 1), "unet_16": (1, 16, 16, 1),
                                "unet_odd": (1, 9, 7, 1)}.items():
        x = torch.randn(b, 4, h, w, generator=g)
        t = torch.tensor([951.0, 401.0][:tb])
        ctx = torch.cat([hid, hid])[:b] if b <= 2 else None
        cases[name] = {"sample": x, "timestep": t, "encoder_hidden_states": ctx, "out_sample": unet(x, t, ctx)}
    z = torch.randn(2, 4, 8, 8, generator=g)
    cases["vae_decoder"] = {"latent_sample": z, "sample": vae.decode(z)}
    z16 = torch.randn(1, 4, 16, 16, generator=g)
    cases["vae_decoder_16"] = {"latent_sample": z16, "sample": vae.decode(z16)}
    fg, sh, bg = data.combo_indices([("red", "circle", "gray"), ("blue", "triangle", "white")])
    img = data.render(fg, sh, bg, g)
    cases["vae_encoder"] = {"sample": img, "latent_sample": vae.encode(img)[0]}
    out = {}
    for case, tensors in cases.items():
        out[case] = {}
        for k, v in tensors.items():
            arr = v.numpy()
            out[case][k] = {"dtype": str(arr.dtype), "dims": list(arr.shape), "data": arr.reshape(-1).tolist()}
    write_json(os.path.join(ref_dir, "reference_io.json"), {"model": os.path.abspath(folder), "cases": out})


if __name__ == "__main__":
    import argparse
    ap = argparse.ArgumentParser(description="Write reference_io.json (PyTorch I/O of an exported folder) "
                                             "for check_onnx.mjs")
    ap.add_argument("--model", default="models/tiny-shapes")
    ap.add_argument("--refs", required=True, help="output directory for reference_io.json")
    a = ap.parse_args()
    torch.set_num_threads(1)
    tok_, te_, unet_, vae_, _, _ = load_modules(a.model)
    write_reference_io(a.model, a.refs, te_, unet_, vae_, tok_)
    print(f"wrote {os.path.join(a.refs, 'reference_io.json')}")
