#!/usr/bin/env python3
"""Export BAAI FlagEmbedding LLM rerankers to the ONNX contracts of @webrerank/core.

Models:
  * bge-reranker-v2-gemma (GemmaForCausalLM, FlagLLMReranker)          -> output `yes_logits` [batch, seq]
  * bge-reranker-v2-minicpm-layerwise (LayerWiseMiniCPMForCausalLM,
    LayerWiseFlagLLMReranker)                                           -> outputs `layer_<k>_logits` [batch, seq]
                                                                           for k in [start_layer, num_hidden_layers]

Inputs of every graph: `input_ids`, `attention_mask`, int64 [batch, sequence]; no position_ids,
no KV cache. See docs/export.md and docs/llm-rerankers.md.

Usage:
  python tools/export/export_llm_reranker.py --model BAAI/bge-reranker-v2-gemma --out out/gemma --quantize q4
  python tools/export/export_llm_reranker.py --model ../shared/reference/gemma-tiny --out /tmp/g --check \
      --expected ../shared/reference/gemma-tiny/expected.json

torch / transformers / onnx / onnxruntime are imported lazily, so `--help` works without them.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import shutil
import sys
import tempfile
from pathlib import Path

TWO_GB = 2 * 1024**3
# Protobuf's hard limit is 2 GiB for the whole serialized ModelProto; leave headroom for the graph.
EXTERNAL_THRESHOLD = TWO_GB - 64 * 1024**2

TOKENIZER_FILES = [
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "generation_config.json",
    "tokenizer.model",
]

DEFAULT_PROMPT = (
    "Given a query A and a passage B, determine whether the passage contains an answer to the "
    "query by providing a prediction of either 'Yes' or 'No'."
)

CHECK_PAIRS = [
    ("what is panda?", "hi"),
    (
        "what is panda?",
        "The giant panda (Ailuropoda melanoleuca), sometimes called a panda bear or simply panda, "
        "is a bear species endemic to China.",
    ),
    ("How many people live in Berlin?", "Berlin has a population of about 3.7 million registered inhabitants."),
    ("如何学习 Python?", "Python 是一种编程语言，可以从官方教程开始学习。"),
    ("short", "A much longer passage " * 20),
]


def log(*args):
    print("[export]", *args, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Kind detection and loading
# --------------------------------------------------------------------------------------------

def read_config_json(model: str) -> dict:
    p = Path(model) / "config.json"
    if p.is_file():
        return json.loads(p.read_text())
    from huggingface_hub import hf_hub_download  # only for hub ids

    return json.loads(Path(hf_hub_download(model, "config.json")).read_text())


def detect_kind(config: dict) -> str:
    archs = config.get("architectures") or []
    for a in archs:
        if a.startswith("LayerWise") and a.endswith("ForCausalLM"):
            return "layerwise"
    for a in archs:
        if a.startswith("CostWise"):
            raise SystemExit(f"{a}: FlagEmbedding's lightweight CostWise rerankers are not supported")
        if a.endswith("ForCausalLM"):
            return "llm"
    raise SystemExit(f"cannot tell the kind from architectures={archs}; pass --kind llm|layerwise")


def local_dir(model: str) -> Path:
    """A local folder with the checkpoint (downloads a hub id with huggingface_hub)."""
    if Path(model).is_dir():
        return Path(model)
    from huggingface_hub import snapshot_download

    return Path(snapshot_download(model))


def _import_file(path: str, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def load_layerwise_class(modeling_file: str | None):
    """FlagEmbedding's LayerWiseMiniCPMForCausalLM, as LayerWiseFlagLLMReranker loads it."""
    if modeling_file:
        return _import_file(modeling_file, "modeling_minicpm_reranker_local").LayerWiseMiniCPMForCausalLM
    try:
        from FlagEmbedding.inference.reranker.decoder_only.models.modeling_minicpm_reranker import (
            LayerWiseMiniCPMForCausalLM,
        )

        return LayerWiseMiniCPMForCausalLM
    except Exception as e:  # noqa: BLE001
        log(f"FlagEmbedding's LayerWiseMiniCPMForCausalLM not importable ({e}); "
            "falling back to AutoModelForCausalLM(trust_remote_code=True) (the hub checkpoint's auto_map)")
        return None


def _fix_minicpm_rope(model):
    """transformers 5 may leave non-persistent RoPE buffers of remote-code models uninitialised
    (see ../shared/reference/README.md, 'Running FlagEmbedding on transformers 5'). Recompute them."""
    import torch

    for m in model.modules():
        if hasattr(m, "inv_freq") and hasattr(m, "dim") and hasattr(m, "base"):
            inv = 1.0 / (m.base ** (torch.arange(0, m.dim, 2, dtype=torch.int64).float() / m.dim))
            m.inv_freq = inv.to(m.inv_freq.device)
            if hasattr(m, "_set_cos_sin_cache") and hasattr(m, "max_position_embeddings"):
                m._set_cos_sin_cache(m.max_position_embeddings, m.inv_freq.device, torch.float32)


def load_model(args, kind: str):
    import torch
    from transformers import AutoModelForCausalLM

    common = dict(torch_dtype=torch.float32)
    if args.attn_implementation:
        common["attn_implementation"] = args.attn_implementation
    if kind == "llm":
        model = AutoModelForCausalLM.from_pretrained(args.model, **common)
    else:
        cls = load_layerwise_class(args.modeling_file)
        if cls is not None:
            try:
                model = cls.from_pretrained(args.model, **common)
            except (TypeError, ValueError):  # old remote-code classes may reject attn_implementation
                model = cls.from_pretrained(args.model, torch_dtype=torch.float32)
        else:
            model = AutoModelForCausalLM.from_pretrained(args.model, trust_remote_code=True,
                                                         torch_dtype=torch.float32)
        cfg = model.config
        if getattr(cfg, "rope_scaling", None) == {}:
            cfg.rope_scaling = None
        _fix_minicpm_rope(model)
    model.eval()
    if hasattr(model.config, "use_cache"):
        model.config.use_cache = False
    return model


# --------------------------------------------------------------------------------------------
# Export wrappers
# --------------------------------------------------------------------------------------------

def make_wrapper(model, kind: str, yes_loc: int | None):
    import torch

    class GemmaYesLogits(torch.nn.Module):
        """forward(input_ids, attention_mask) -> yes_logits [batch, seq] = hidden @ lm_head.weight[yes_loc].

        Only one row of the LM head: the [batch, seq, 256000] logits tensor (gigabytes at 512
        tokens) is never built."""

        def __init__(self, m, loc):
            super().__init__()
            self.decoder = m.get_decoder() if hasattr(m, "get_decoder") else m.model
            w = m.get_output_embeddings().weight[loc].detach().clone()
            self.register_buffer("yes_row", w)  # [hidden]
            b = getattr(m.get_output_embeddings(), "bias", None)
            self.yes_bias = None if b is None else float(b[loc])
            self.softcap = getattr(m.config, "final_logit_softcapping", None)

        def forward(self, input_ids, attention_mask):
            h = self.decoder(input_ids=input_ids, attention_mask=attention_mask, use_cache=False).last_hidden_state
            x = torch.matmul(h, self.yes_row)  # [batch, seq]
            if self.yes_bias is not None:
                x = x + self.yes_bias
            if self.softcap:  # Gemma 2: logits = tanh(logits / cap) * cap
                x = torch.tanh(x / self.softcap) * self.softcap
            return x.float()

    class LayerwiseLogits(torch.nn.Module):
        """forward(input_ids, attention_mask) -> (layer_k_logits for k = start_layer..num_hidden_layers).

        Calls FlagEmbedding's own forward with the *sorted* list of every layer, so head k is
        always applied to the final RMSNorm of the hidden state after k layers."""

        def __init__(self, m):
            super().__init__()
            self.m = m
            self.layers = list(range(m.config.start_layer, m.config.num_hidden_layers + 1))

        def forward(self, input_ids, attention_mask):
            out = self.m(input_ids=input_ids, attention_mask=attention_mask, use_cache=False,
                         output_hidden_states=True, cutoff_layers=list(self.layers))
            logits = out.logits if hasattr(out, "logits") else out[0]
            assert len(logits) == len(self.layers), (len(logits), self.layers)
            return tuple(l.reshape(input_ids.shape[0], input_ids.shape[1]).float() for l in logits)

    if kind == "llm":
        return GemmaYesLogits(model, yes_loc), ["yes_logits"]
    w = LayerwiseLogits(model)
    return w, [f"layer_{k}_logits" for k in w.layers]


def yes_loc_of(tokenizer) -> int:
    return tokenizer("Yes", add_special_tokens=False)["input_ids"][0]


def torch_export(wrapper, output_names, path: Path, opset: int, exporter: str):
    import torch

    ids = torch.tensor([[5, 6, 7, 8, 9, 10, 11, 12], [0, 0, 0, 5, 6, 7, 8, 9]], dtype=torch.long)
    mask = (torch.arange(8)[None, :] >= torch.tensor([[0], [3]])).long()
    dyn = {"input_ids": {0: "batch_size", 1: "sequence_length"},
           "attention_mask": {0: "batch_size", 1: "sequence_length"}}
    for n in output_names:
        dyn[n] = {0: "batch_size", 1: "sequence_length"}
    kwargs = dict(input_names=["input_ids", "attention_mask"], output_names=output_names,
                  opset_version=opset, do_constant_folding=True)
    with torch.no_grad():
        if exporter == "torchscript":
            try:
                torch.onnx.export(wrapper, (ids, mask), str(path), dynamic_axes=dyn, dynamo=False, **kwargs)
            except TypeError:  # torch < 2.5 has no `dynamo` argument
                torch.onnx.export(wrapper, (ids, mask), str(path), dynamic_axes=dyn, **kwargs)
        else:
            torch.onnx.export(wrapper, (ids, mask), str(path), dynamic_axes=dyn, dynamo=True,
                              external_data=True, **kwargs)


def save_onnx(src: Path, dst: Path, force_external: bool | None = None) -> bool:
    """Re-save `src` as `dst`, with all weights in one `<dst>_data` file when the model exceeds
    protobuf's 2 GB limit (or force_external). Returns whether external data was used."""
    import onnx

    model = onnx.load(str(src), load_external_data=True)
    size = sum(len(t.raw_data) if t.HasField("raw_data") else 0 for t in model.graph.initializer)
    external = force_external if force_external is not None else size > EXTERNAL_THRESHOLD
    for f in (dst, dst.with_name(dst.name + "_data")):
        if f.exists():
            f.unlink()
    if external:
        onnx.save_model(model, str(dst), save_as_external_data=True, all_tensors_to_one_file=True,
                        location=dst.name + "_data", size_threshold=1024, convert_attribute=False)
    else:
        onnx.save_model(model, str(dst))
    log(f"wrote {dst} ({'external data ' + dst.name + '_data' if external else 'single file'}, "
        f"initializers {size / 1e9:.2f} GB)")
    return external


def file_size(p: Path) -> int:
    d = p.with_name(p.name + "_data")
    return p.stat().st_size + (d.stat().st_size if d.exists() else 0)


# --------------------------------------------------------------------------------------------
# Quantization
# --------------------------------------------------------------------------------------------

def scoring_matmuls(src: Path) -> list[str]:
    """MatMul nodes whose constant weight is a vector or has one output column: the yes_loc row of
    the LM head and the layerwise heads. They are kept float32 (tiny, and they set the score
    directly; per-channel MatMulInteger also rejects a 1-D B)."""
    import onnx

    m = onnx.load(str(src), load_external_data=False)
    shapes = {t.name: list(t.dims) for t in m.graph.initializer}
    names = []
    for n in m.graph.node:
        if n.op_type == "MatMul" and len(n.input) > 1 and n.input[1] in shapes:
            d = shapes[n.input[1]]
            if len(d) < 2 or d[-1] == 1:
                names.append(n.name)
    return names


def quantize_int8(src: Path, dst: Path, weight_type: str) -> bool:
    """Dynamic (weight-only int8 + runtime activation quantization) as transformers.js'
    model_quantized.onnx, but per-channel. MatMul -> DynamicQuantizeLinear + MatMulInteger,
    Gather (embeddings) -> uint8 table + DequantizeLinear."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory(dir=dst.parent) as tmp:
        tmp_out = Path(tmp) / "q.onnx"
        quantize_dynamic(
            str(src), str(tmp_out),
            per_channel=True,
            reduce_range=False,
            weight_type=QuantType.QInt8 if weight_type == "qint8" else QuantType.QUInt8,
            op_types_to_quantize=["MatMul", "Gather"],
            nodes_to_exclude=scoring_matmuls(src),
            use_external_data_format=True,  # always safe; re-saved below as one file when small
            extra_options={"MatMulConstBOnly": True},
        )
        return save_onnx(tmp_out, dst)


def quantize_q4(src: Path, dst: Path, block_size: int, embeddings: str) -> bool:
    """4-bit block-wise weight-only quantization of every constant-weight MatMul (MatMulNBits,
    block 32, symmetric), as transformers.js' model_q4.onnx; embeddings (Gather) optionally
    int8 with quantize_dynamic."""
    import onnx

    try:  # onnxruntime >= 1.20
        from onnxruntime.quantization.matmul_nbits_quantizer import MatMulNBitsQuantizer as Q4
    except ImportError:  # older onnxruntime
        from onnxruntime.quantization.matmul_4bits_quantizer import MatMul4BitsQuantizer as Q4

    model = onnx.load(str(src), load_external_data=True)
    q = Q4(model, block_size=block_size, is_symmetric=True, nodes_to_exclude=scoring_matmuls(src))
    q.process()
    qmodel = q.model.model if hasattr(q.model, "model") else q.model
    with tempfile.TemporaryDirectory(dir=dst.parent) as tmp:
        mid = Path(tmp) / "q4.onnx"
        onnx.save_model(qmodel, str(mid), save_as_external_data=True, all_tensors_to_one_file=True,
                        location="q4.onnx_data", size_threshold=1024)
        if embeddings == "int8":
            from onnxruntime.quantization import QuantType, quantize_dynamic

            out2 = Path(tmp) / "q4e.onnx"
            quantize_dynamic(str(mid), str(out2), per_channel=False, weight_type=QuantType.QUInt8,
                             op_types_to_quantize=["Gather"], use_external_data_format=True)
            mid = out2
        return save_onnx(mid, dst)


# --------------------------------------------------------------------------------------------
# Inputs built as FlagEmbedding 1.4 builds them (docs/llm-rerankers.md, rules 1-7)
# --------------------------------------------------------------------------------------------

def build_inputs(tokenizer, pairs, kind: str, max_length=512, prompt=DEFAULT_PROMPT):
    q_max = max_length * 3 // 4
    sep = tokenizer("\n", add_special_tokens=False)["input_ids"]
    prompt_ids = tokenizer(prompt, add_special_tokens=False)["input_ids"]
    enc_max = max_length + len(sep) + len(prompt_ids)
    bos, pad = tokenizer.bos_token_id, tokenizer.pad_token_id
    out = []
    for q, p in pairs:
        qi = tokenizer(f"A: {q}", add_special_tokens=False)["input_ids"][:q_max]
        pi = tokenizer(f"B: {p}", add_special_tokens=False)["input_ids"][:max_length]
        use_bos = kind == "layerwise" or (bos is not None and bos != pad)
        first = ([bos] if use_bos else []) + qi
        second = sep + pi
        over = len(first) + len(second) - enc_max
        if over > 0 and len(second) > over:  # transformers 4 `only_second`: cut only if possible
            second = second[:-over]
        out.append(first + second + sep + prompt_ids)
    return out


def pad_batch(seqs, pad_id: int, side: str = "left", multiple: int = 8):
    import numpy as np

    n = max(len(s) for s in seqs)
    n = int(math.ceil(n / multiple) * multiple)
    ids = np.full((len(seqs), n), pad_id, dtype=np.int64)
    mask = np.zeros((len(seqs), n), dtype=np.int64)
    for i, s in enumerate(seqs):
        if side == "left":
            ids[i, n - len(s):] = s
            mask[i, n - len(s):] = 1
        else:
            ids[i, :len(s)] = s
            mask[i, :len(s)] = 1
    return ids, mask


def last_index(mask):
    import numpy as np

    if (mask[:, -1] == 1).all():
        return np.full(mask.shape[0], mask.shape[1] - 1)
    return mask.sum(1) - 1


# --------------------------------------------------------------------------------------------
# Check
# --------------------------------------------------------------------------------------------

def ort_session(path: Path):
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.log_severity_level = 3
    return ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])


def run_check(args, kind, model, wrapper, output_names, tokenizer, files: list[Path], max_pos: int | None):
    import numpy as np
    import torch

    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else (
        model.config.pad_token_id if model.config.pad_token_id is not None else tokenizer.unk_token_id)
    side = tokenizer.padding_side or "right"
    seqs = build_inputs(tokenizer, CHECK_PAIRS, kind, max_length=args.check_max_length)
    report = {"pairs": len(seqs), "padding_side": side, "files": {}}
    ok = True
    for sd in (side, "right" if side == "left" else "left"):  # both paddings: graph must not assume one
        ids, mask = pad_batch(seqs, pad_id, sd)
        last = last_index(mask)
        with torch.no_grad():
            ref = wrapper(torch.from_numpy(ids), torch.from_numpy(mask))
            ref = [ref] if kind == "llm" else list(ref)
            ref = [r.numpy() for r in ref]
            # Independent reference: the unwrapped model called exactly as FlagEmbedding calls it.
            if kind == "llm":
                lg = model(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask)).logits
                fe = [lg[np.arange(len(ids)), last, args._yes_loc].float().numpy()]
            else:
                layers = list(range(model.config.start_layer, model.config.num_hidden_layers + 1))
                out = model(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask),
                            output_hidden_states=True, cutoff_layers=layers)
                fe = [l[np.arange(len(ids)), last].float().numpy() for l in out.logits]
        wrap_vs_model = max(float(np.abs(r[np.arange(len(ids)), last] - f).max()) for r, f in zip(ref, fe))
        report[f"wrapper_vs_pytorch_model_{sd}"] = wrap_vs_model
        for f in files:
            sess = ort_session(f)
            got = sess.run(output_names, {"input_ids": ids, "attention_mask": mask})
            real = mask.astype(bool)
            d_all = max(float(np.abs(g[real] - r[real]).max()) for g, r in zip(got, ref))
            d_last = max(float(np.abs(g[np.arange(len(ids)), last] - f_).max()) for g, f_ in zip(got, fe))
            report["files"].setdefault(f.name, {})[sd] = {"max_abs_diff_nonpad_positions": d_all,
                                                          "max_abs_diff_scores": d_last}
            tol = args.tolerance if f.name == "model.onnx" else None
            if tol is not None and d_last > tol:
                ok = False
    # Reference oracle (../shared/reference/<model>/expected.json): recorded FlagEmbedding input ids
    # and raw scores, each pair run unpadded.
    if args.expected:
        exp = json.loads(Path(args.expected).read_text())
        for f in files:
            sess = ort_session(f)
            worst, n = 0.0, 0
            for call in exp["calls"]:
                if call.get("quirk"):
                    continue
                layers = (call["effective"].get("cutoff_layers_after_filter") or [model.config.num_hidden_layers]) \
                    if kind == "layerwise" else None
                for pp in call["per_pair"]:
                    ids = np.array([pp["input_ids"]], dtype=np.int64)
                    got = sess.run(output_names, {"input_ids": ids, "attention_mask": np.ones_like(ids)})
                    if kind == "llm":
                        vals, want = [float(got[0][0, -1])], [pp["raw_score"]]
                    else:
                        vals = [float(got[output_names.index(f"layer_{k}_logits")][0, -1]) for k in sorted(layers)]
                        want = pp["raw_score"] if isinstance(pp["raw_score"], list) else [pp["raw_score"]]
                    worst = max(worst, max(abs(a - b) for a, b in zip(vals, want)))
                    n += 1
            report["files"].setdefault(f.name, {})["vs_expected_json"] = {"scores": n, "max_abs_diff": worst}
            if f.name == "model.onnx" and worst > args.tolerance:
                ok = False
    if max_pos:
        ids = np.full((1, max_pos), tokenizer.unk_token_id or 0, dtype=np.int64)
        for f in files:
            try:
                got = ort_session(f).run(output_names[-1:], {"input_ids": ids, "attention_mask": np.ones_like(ids)})
                fin = bool(np.isfinite(got[0]).all())
                report["files"][f.name]["max_positions"] = {"length": max_pos, "ok": fin}
                ok = ok and fin
            except Exception as e:  # noqa: BLE001
                report["files"][f.name]["max_positions"] = {"length": max_pos, "ok": False, "error": str(e)[:300]}
                ok = False
    report["ok"] = ok
    return report


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True, help="hub id or local folder")
    ap.add_argument("--out", required=True, help="output folder (Hugging Face layout + onnx/)")
    ap.add_argument("--kind", choices=["llm", "layerwise"], help="default: from config.json architectures")
    ap.add_argument("--opset", type=int, default=17)
    ap.add_argument("--quantize", nargs="+", choices=["none", "int8", "q4"], default=["none"],
                    help="variants to write besides/instead of fp32 (fp32 model.onnx is always written: "
                         "the quantizers start from it)")
    ap.add_argument("--int8-weight-type", choices=["qint8", "quint8"], default="qint8",
                    help="int8 weight type (activations are always uint8 in dynamic quantization); see docs/export.md")
    ap.add_argument("--q4-block-size", type=int, default=32)
    ap.add_argument("--q4-embeddings", choices=["int8", "fp32"], default="int8",
                    help="q4: embedding table (Gather) as uint8 (default) or left fp32")
    ap.add_argument("--exporter", choices=["torchscript", "dynamo"], default="torchscript")
    ap.add_argument("--attn-implementation", default="eager",
                    help="eager (default, plain MatMul/Softmax) or sdpa; empty string keeps the model's default")
    ap.add_argument("--modeling-file", help="path to FlagEmbedding's modeling_minicpm_reranker.py "
                                            "(layerwise; when FlagEmbedding is not installed and the folder has no auto_map)")
    ap.add_argument("--check", action="store_true", help="compare ONNX outputs with PyTorch (and --expected)")
    ap.add_argument("--expected", help="expected.json of a reference folder: compare against its recorded raw scores")
    ap.add_argument("--tolerance", type=float, default=1e-4, help="fp32 check tolerance on raw scores")
    ap.add_argument("--check-max-length", type=int, default=512)
    ap.add_argument("--max-positions", type=int, nargs="?", const=-1, default=None,
                    help="with --check: also run one sequence of this many tokens (no value: "
                         "config max_position_embeddings) to prove the graph has no shorter baked-in RoPE table")
    ap.add_argument("--keep-fp32", action=argparse.BooleanOptionalAction, default=True,
                    help="keep onnx/model.onnx when only quantized variants are asked for")
    args = ap.parse_args(argv)

    cfg = read_config_json(args.model)
    kind = args.kind or detect_kind(cfg)
    log(f"kind={kind} architectures={cfg.get('architectures')}")

    import torch  # noqa: F401
    from transformers import AutoTokenizer

    src_dir = local_dir(args.model)
    out = Path(args.out)
    (out / "onnx").mkdir(parents=True, exist_ok=True)
    tokenizer = AutoTokenizer.from_pretrained(str(src_dir), trust_remote_code=(kind == "layerwise"))
    yes_loc = yes_loc_of(tokenizer) if kind == "llm" else None
    args._yes_loc = yes_loc
    model = load_model(args, kind)
    wrapper, output_names = make_wrapper(model, kind, yes_loc)
    wrapper.eval()
    log(f"outputs: {output_names}" + (f" (yes_loc={yes_loc})" if yes_loc is not None else ""))

    fp32 = out / "onnx" / "model.onnx"
    with tempfile.TemporaryDirectory(dir=out) as tmp:
        raw = Path(tmp) / "model.onnx"
        torch_export(wrapper, output_names, raw, args.opset, args.exporter)
        external = save_onnx(raw, fp32)

    written = [fp32]
    variants = [v for v in args.quantize if v != "none"]
    any_external = external
    if "int8" in variants:
        p = out / "onnx" / "model_quantized.onnx"
        any_external |= quantize_int8(fp32, p, args.int8_weight_type)
        written.append(p)
    if "q4" in variants:
        p = out / "onnx" / "model_q4.onnx"
        any_external |= quantize_q4(fp32, p, args.q4_block_size, args.q4_embeddings)
        written.append(p)

    # Hugging Face files next to onnx/ (what @webrerank/core and transformers.js read).
    for name in TOKENIZER_FILES:
        s = src_dir / name
        if s.is_file():
            shutil.copyfile(s, out / name)
    config = dict(cfg)
    if any_external:
        # transformers.js reads this to fetch `<file>.onnx_data` next to each graph.
        tjs = dict(config.get("transformers.js_config") or {})
        tjs["use_external_data_format"] = True
        config["transformers.js_config"] = tjs
    (out / "config.json").write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n")
    sizes = {p.name: file_size(p) for p in written}
    for k, v in sizes.items():
        log(f"{k}: {v / 1e9:.3f} GB")

    status = 0
    if args.check:
        max_pos = args.max_positions
        if max_pos == -1:
            max_pos = cfg.get("max_position_embeddings")
        rep = run_check(args, kind, model, wrapper, output_names, tokenizer, written, max_pos)
        print(json.dumps(rep, indent=2))
        status = 0 if rep["ok"] else 1
    if not args.keep_fp32 and variants:
        for f in (fp32, fp32.with_name(fp32.name + "_data")):
            if f.exists():
                f.unlink()
    return status


if __name__ == "__main__":
    sys.exit(main())
