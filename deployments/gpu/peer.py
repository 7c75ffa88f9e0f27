#!/usr/bin/env python3
"""The Python peer of the GPU run: the same reader weights and the same pre-tokenised windows as
`bench device`, run by Hugging Face `transformers` (eager attention, SDPA attention, and both
under `torch.compile` when it runs), in fp32 and fp16. It compares its logits with the DJL run's
and prints one JSON object holding both sides, their ratios and the physical bound.

Usage: peer.py --model models/reader --windows windows.bin --djl-json djl.json
               --djl-logits djl_logits.bin [--batches 1,8,32,128] [--seconds 5]
"""
import argparse
import json
import time

import numpy as np
import torch
from safetensors.torch import load_file
from transformers import BertConfig, BertForQuestionAnswering

ROW_SCALE = ".row_scale"
DTYPES = {"fp32": torch.float32, "fp16": torch.float16, "bf16": torch.bfloat16}


def read_windows(path):
    """ids, mask, token types as int64 [n, seq] (bench device --export's layout)."""
    raw = np.fromfile(path, dtype="<i4")
    n, seq = int(raw[0]), int(raw[1])
    body = raw[2:].reshape(3, n, seq).astype(np.int64)
    return body[0], body[1], body[2]


def load_model(model_dir, dtype, attn):
    """Our safetensors (per-row int8 with .row_scale, HF names without the bert. prefix)."""
    sd = load_file(f"{model_dir}/model.safetensors")
    state = {}
    for name, t in sd.items():
        if name.endswith(ROW_SCALE):
            continue
        if t.dtype == torch.int8:
            t = t.float() * sd[name + ROW_SCALE].float().unsqueeze(1)
        key = name if name.startswith("qa_outputs") else "bert." + name
        state[key] = t.float()
    config = BertConfig.from_json_file(f"{model_dir}/config.json")
    config._attn_implementation = attn
    model = BertForQuestionAnswering(config)
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [k for k in missing if not k.endswith("position_ids")]
    if missing or unexpected:
        raise SystemExit(f"weights do not match: missing {missing}, unexpected {unexpected}")
    return model.to("cuda", dtype).eval()


def forward(model, ids, mask, types):
    out = model(input_ids=ids, attention_mask=mask, token_type_ids=types)
    return out.start_logits, out.end_logits


def windows_per_second(model, ids, mask, types, batch, seconds):
    n = ids.shape[0]
    offset = 0
    with torch.inference_mode():
        for _ in range(3):
            forward(model, ids[:batch], mask[:batch], types[:batch])
        torch.cuda.synchronize()
        start = time.perf_counter()
        done = 0
        while time.perf_counter() - start < seconds:
            rows = [(offset + r) % n for r in range(batch)]
            forward(model, ids[rows], mask[rows], types[rows])
            torch.cuda.synchronize()
            done += batch
            offset = (offset + batch) % n
        return done / (time.perf_counter() - start)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True)
    p.add_argument("--windows", required=True)
    p.add_argument("--djl-json", required=True)
    p.add_argument("--djl-logits", required=True)
    p.add_argument("--batches", default="1,8,32,128")
    p.add_argument("--seconds", type=float, default=5)
    p.add_argument("--compile", default="on", choices=["on", "off"])
    a = p.parse_args()
    batches = [int(b) for b in a.batches.split(",")]
    djl = json.load(open(a.djl_json))
    ids, mask, types = (torch.from_numpy(x).cuda() for x in read_windows(a.windows))
    precisions = djl["precisions"]  # the order of the kept logits
    compare = djl["logits_shape"][2]
    seq = djl["logits_shape"][3]
    ours = np.fromfile(a.djl_logits, dtype="<f4").reshape(len(precisions), 2, compare, seq)
    valid = mask[:compare].bool().cpu().numpy()

    result = {"gpu": torch.cuda.get_device_name(0), "torch": torch.__version__,
              "djl": djl, "peer": {}, "logits_max_abs_diff": {}, "ratio_djl_over_eager": {}}
    variants = [("eager", "eager", False), ("sdpa", "sdpa", False)]
    if a.compile == "on":
        variants += [("eager+compile", "eager", True), ("sdpa+compile", "sdpa", True)]
    for i, precision in enumerate(precisions):
        for label, attn, compiled in variants:
            model = load_model(a.model, DTYPES[precision], attn)
            if label == "eager":
                with torch.inference_mode():
                    s, e = forward(model, ids[:compare], mask[:compare], types[:compare])
                theirs = torch.stack([s, e]).float().cpu().numpy()
                diff = np.abs(theirs - ours[i])[:, valid]
                result["logits_max_abs_diff"][precision] = float(diff.max())
            if compiled:
                try:
                    model = torch.compile(model)
                except Exception as ex:  # noqa: BLE001 - report and go on
                    result["peer"].setdefault(label, {})[precision] = {"error": str(ex)[:300]}
                    continue
            points = {}
            for b in batches:
                try:
                    points[str(b)] = round(windows_per_second(model, ids, mask, types, b,
                                                              a.seconds), 3)
                except Exception as ex:  # noqa: BLE001 - torch.compile may fail at run time
                    points[str(b)] = {"error": str(ex)[:300]}
            result["peer"].setdefault(label, {})[precision] = points
            print(f"{label} {precision}: {points}", flush=True)
            del model
            torch.cuda.empty_cache()
        eager = result["peer"]["eager"][precision]
        result["ratio_djl_over_eager"][precision] = {
            b: round(djl[precision][b]["windows_per_second"] / eager[b], 3)
            for b in eager if isinstance(eager[b], float) and b in djl[precision]}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
