"""float16 variant of an exported fp32 folder, built with onnx from the fp32 graphs.

ONNX Runtime's CPU provider has no float16 Conv/MatMul kernels, so the UNet and text encoder
keep computing in float32: their trained weights are stored as float16 initializers, each
followed by a Cast to float32; float16 graph inputs are Cast to float32 right after the
inputs; float32 results are Cast to float16 at the outputs. int32 input_ids stay int32;
non-parameter constants (timestep frequencies, causal mask) stay float32. The VAE, tokenizer,
scheduler and JSON files are copied unchanged (the VAE stays fp32).
"""
import os
import shutil

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

FP16_MODELS = ("unet", "text_encoder")


def convert_graph(model, param_names):
    g = model.graph
    casts = []
    # weights: float16 storage + Cast to float32 under the original name
    new_inits = []
    for init in g.initializer:
        if init.data_type == TensorProto.FLOAT and init.name in param_names:
            arr = numpy_helper.to_array(init).astype(np.float16)
            new_inits.append(numpy_helper.from_array(arr, init.name + "_fp16"))
            casts.append(helper.make_node("Cast", [init.name + "_fp16"], [init.name], to=TensorProto.FLOAT,
                                          name="cast_" + init.name))
        else:
            new_inits.append(init)
    del g.initializer[:]
    g.initializer.extend(new_inits)
    # float inputs: float16 at the graph boundary, Cast to float32 inside
    for inp in g.input:
        if inp.type.tensor_type.elem_type == TensorProto.FLOAT:
            inner = inp.name + "_fp32"
            for node in g.node:
                for i, name in enumerate(node.input):
                    if name == inp.name:
                        node.input[i] = inner
            inp.type.tensor_type.elem_type = TensorProto.FLOAT16
            casts.append(helper.make_node("Cast", [inp.name], [inner], to=TensorProto.FLOAT, name="cast_" + inp.name))
    # float outputs: computed in float32, Cast to float16 at the end
    tail = []
    for out in g.output:
        if out.type.tensor_type.elem_type == TensorProto.FLOAT:
            inner = out.name + "_fp32"
            for node in g.node:
                for i, name in enumerate(node.output):
                    if name == out.name:
                        node.output[i] = inner
                for i, name in enumerate(node.input):
                    if name == out.name:
                        node.input[i] = inner
            out.type.tensor_type.elem_type = TensorProto.FLOAT16
            tail.append(helper.make_node("Cast", [inner], [out.name], to=TensorProto.FLOAT16, name="cast_" + out.name))
    nodes = casts + list(g.node) + tail
    del g.node[:]
    g.node.extend(nodes)
    del g.value_info[:]
    onnx.checker.check_model(model)
    return model


def make_fp16(src, dst, param_names):
    """param_names: {"unet": set(...), "text_encoder": set(...)} names of trained parameters."""
    if os.path.exists(dst):
        shutil.rmtree(dst)
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("*.onnx", "EVAL.md", "samples.png"))
    for part in ("vae_encoder", "vae_decoder"):
        shutil.copy2(os.path.join(src, part, "model.onnx"), os.path.join(dst, part, "model.onnx"))
    for part in FP16_MODELS:
        model = onnx.load(os.path.join(src, part, "model.onnx"))
        onnx.save(convert_graph(model, param_names[part]), os.path.join(dst, part, "model.onnx"))
        cfg_path = os.path.join(dst, part, "config.json")
        with open(cfg_path) as f:
            text = f.read()
        text = text.replace('"torch_dtype": "float32"', '"torch_dtype": "float16"')
        with open(cfg_path, "w") as f:
            f.write(text)
