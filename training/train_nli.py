"""Train verify's NLI judge: multilingual-e5-small fine-tuned as a 3-way cross-encoder, on 2 CPU cores.

    python training/train_nli.py                 # train (or resume) in training/runs/judge
    python training/train_nli.py --probe 20      # measure pairs/s on the real mix, then stop
    python training/train_nli.py --export        # write the best checkpoint into verify/data/judge/
    python training/train_nli.py --init W --student-layers 0,2,3,5,6,8,9,11 --teacher T.npy
                                                 # a smaller judge from chosen layers of W, taught by
                                                 # its probabilities (training/teacher_probs.py)

Resumable: a checkpoint (trained weights, optimiser, schedule, data position, RNG) is written every
--checkpoint-minutes and when --max-hours is reached; running the same command again continues from
it, on this machine or another. The run folder also holds `config.json` (arguments, the data mix
with counts) and `log.jsonl` (loss, learning rate, pairs/s, dev accuracy). Why this shape (full
fine-tuning, embeddings frozen, bf16 autocast, length-bucketed batches): docs/MODEL_CARD.md.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import mix  # noqa: E402


def cpu_has_bf16() -> bool:
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def tokenize(tokenizer, pairs, max_tokens: int):
    encoded = tokenizer.encode_batch([(p.premise, p.hypothesis) for p in pairs])
    return [e.ids[:max_tokens] for e in encoded]


def epoch_batches(lengths: list[int], batch: int, seed: int, epoch: int) -> list[list[int]]:
    """Batches of similar length (little padding), in an order fixed by (seed, epoch)."""
    rng = random.Random(seed * 1000 + epoch)
    order = list(range(len(lengths)))
    rng.shuffle(order)
    group = batch * 50
    batches = []
    for start in range(0, len(order), group):
        chunk = sorted(order[start:start + group], key=lambda i: lengths[i])
        batches += [chunk[i:i + batch] for i in range(0, len(chunk), batch)]
    rng.shuffle(batches)
    return batches


def collate(ids_list, pad_id: int):
    import torch

    width = max(len(x) for x in ids_list)
    ids = torch.full((len(ids_list), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(ids_list), width), dtype=torch.long)
    for row, x in enumerate(ids_list):
        ids[row, : len(x)] = torch.tensor(x)
        mask[row, : len(x)] = 1
    return ids, mask


def evaluate(net, ids_list, labels, sources, pad_id: int, bf16: bool, batch: int = 64) -> dict:
    """Accuracy and contradiction F1 on the dev pairs; with several dev sets (mix 4), each set's
    figures too, and `accuracy` is their mean, so the smaller set weighs as much in the choice."""
    import torch

    net.eval()
    order = sorted(range(len(ids_list)), key=lambda i: len(ids_list[i]))
    predicted = [0] * len(order)
    with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        for start in range(0, len(order), batch):
            rows = order[start:start + batch]
            ids, mask = collate([ids_list[i] for i in rows], pad_id)
            for i, p in zip(rows, net(ids, mask).argmax(-1).tolist()):
                predicted[i] = p
    net.train()
    by_source = {}
    for source in sorted(set(sources)):
        rows = [i for i, s in enumerate(sources) if s == source]
        by_source[source] = _scores([predicted[i] for i in rows], [labels[i] for i in rows])
    if len(by_source) == 1:
        return next(iter(by_source.values()))
    mean = sum(s["accuracy"] for s in by_source.values()) / len(by_source)
    return {"accuracy": round(mean, 4), **by_source}


def _scores(predicted: list[int], labels: list[int]) -> dict:
    accuracy = sum(int(p == y) for p, y in zip(predicted, labels)) / len(labels)
    tp = sum(1 for p, y in zip(predicted, labels) if p == y == 2)
    pred_c = sum(1 for p in predicted if p == 2)
    gold_c = sum(1 for y in labels if y == 2)
    f1 = 2 * tp / (pred_c + gold_c) if pred_c + gold_c else 0.0
    return {"accuracy": round(accuracy, 4), "contradiction_f1": round(f1, 4)}


def atomic_save(obj, path: Path) -> None:
    """torch.save, on disk before it replaces the last checkpoint: a run resumes from a whole one."""
    import torch

    from verify.atomic import file_into_place

    with file_into_place(path, durable=True) as tmp:
        torch.save(obj, tmp)


def save_weights(net, names: list[str], path: Path, dtype) -> None:
    from safetensors.torch import save_file

    from verify.atomic import file_into_place

    params = dict(net.named_parameters())
    with file_into_place(path, durable=True) as tmp:
        save_file({n: params[n].detach().to(dtype).contiguous() for n in names}, str(tmp))


def training_mix(data: Path, seed: int, version: int):
    """(train, dev, counts) of mix `version` as a run trains on it: the derived Spanish pairs kept off
    every article a pair file in tests/data uses."""
    pair_files = sorted((ROOT / "tests" / "data").glob("news_*.jsonl"))
    derived = mix.derived_spanish(data, pair_files, seed, version=version)
    return mix.build_mix(data, seed, derived=derived, version=version)


def pairs_digest(pairs) -> str:
    """sha256 of a mix's pairs in order: ties a teacher's probabilities to the mix they were read on."""
    import hashlib

    h = hashlib.sha256()
    for p in pairs:
        h.update(f"{p.premise}\x1f{p.hypothesis}\x1e".encode())
    return h.hexdigest()


def load_teacher(path: Path, train) -> object:
    """The teacher's probabilities (rows in the mix's order) as a float tensor, checked against the mix."""
    import numpy as np
    import torch

    described = path.with_suffix(".json")
    if not described.exists():
        raise SystemExit(f"{described}: missing; training/teacher_probs.py writes it beside {path.name}")
    meta = json.loads(described.read_text())
    if meta["pairs"] != pairs_digest(train):
        raise SystemExit(f"{path} was read on another mix (or seed); run training/teacher_probs.py again")
    return torch.from_numpy(np.load(path).astype(np.float32))


def student_tensors(tensors: dict, layers: list[int]) -> dict:
    """A trained judge's tensors for a student keeping `layers` (renumbered 0, 1, ...); others dropped.

    A layer named twice, out of order or absent from the judge would leave a student layer with e5's
    untrained weights: refused."""
    prefix = "encoder.encoder.layer."
    present = {int(name[len(prefix):].split(".", 1)[0]) for name in tensors if name.startswith(prefix)}
    if layers != sorted(set(layers)) or not set(layers) <= present:
        raise SystemExit(f"--student-layers {','.join(map(str, layers))}: give distinct layers in increasing "
                         f"order, each one of the judge's {min(present, default=0)}-{max(present, default=0)}")
    out = {}
    for name, value in tensors.items():
        if name.startswith(prefix):
            source, rest = name[len(prefix):].split(".", 1)
            if int(source) not in layers:
                continue
            name = f"{prefix}{layers.index(int(source))}.{rest}"
        out[name] = value
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--run", type=Path, default=ROOT / "training" / "runs" / "judge")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--epochs", type=float, default=2.0)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument("--warmup", type=float, default=0.05, help="share of steps with a rising learning rate")
    parser.add_argument("--train-layers", type=int, default=12, help="top encoder layers trained (12 = all)")
    parser.add_argument("--max-tokens", type=int, default=128)
    parser.add_argument("--eval-every", type=int, default=300)
    parser.add_argument("--checkpoint-minutes", type=float, default=10.0)
    parser.add_argument("--max-hours", type=float, default=None, help="stop (after a checkpoint) after this long")
    parser.add_argument("--threads", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--probe", type=int, default=0, help="time this many steps on the real mix and stop")
    parser.add_argument("--export", action="store_true", help="write the best weights into verify/data/judge/")
    # The shipped judge3's mix by default: the later mixes (4-9) were trained on from judge3's weights.
    parser.add_argument("--mix", type=int, choices=mix.MIX_VERSIONS, default=3,
                        help="data mix version (training/mix.py says what each holds; default 3, the shipped judge's)")
    parser.add_argument("--init", type=Path, default=None,
                        help="start from these trained weights (a run's best.safetensors) instead of the base model")
    parser.add_argument("--student-layers", default=None,
                        help="a smaller judge: keep these layers of --init's (comma-separated, e.g. 0,1,2,3,5,7,9,11)")
    parser.add_argument("--teacher", type=Path, default=None,
                        help="the teacher's probabilities on this mix (training/teacher_probs.py): learn from them too")
    parser.add_argument("--distill", type=float, default=0.5,
                        help="with --teacher: weight of matching the teacher's probabilities against the gold labels")
    parser.add_argument("--reschedule", action="store_true",
                        help="resume with another --epochs: the learning rate follows the new schedule from here")
    args = parser.parse_args(argv)

    import torch
    from tokenizers import Tokenizer

    from verify import e5model
    from verify.judge.net import build_network, trainable_names

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    base = e5model.ensure_default_model()
    tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
    pad_id = 1
    args.run.mkdir(parents=True, exist_ok=True)
    bf16 = cpu_has_bf16()

    if args.export:
        from verify.judge.export import export_trained

        export_trained(args.run)
        return 0

    started = time.monotonic()
    train, dev, counts = training_mix(args.data, args.seed, args.mix)
    train_ids = tokenize(tokenizer, train, args.max_tokens)
    train_labels = [p.label for p in train]
    dev_ids = tokenize(tokenizer, dev, args.max_tokens)
    dev_labels = [p.label for p in dev]
    dev_sources = [p.source for p in dev]
    lengths = [len(x) for x in train_ids]
    steps_per_epoch = math.ceil(len(train) / args.batch)
    total_steps = int(steps_per_epoch * args.epochs)
    print(f"mix: {len(train)} training pairs {counts}; dev {len(dev)}; {total_steps} steps; bf16={bf16}; "
          f"prepared in {time.monotonic() - started:.0f} s", flush=True)

    student = [int(x) for x in args.student_layers.split(",")] if args.student_layers else None
    if student is not None and args.init is None:
        raise SystemExit("--student-layers picks layers of a trained judge: give it with --init")
    net = build_network(base, layers=len(student) if student else None)
    names = trainable_names(net, args.train_layers)
    teacher = None
    if args.teacher is not None:
        teacher = load_teacher(args.teacher, train)
    if args.init is not None:
        from safetensors.torch import load_file

        start = load_file(str(args.init))
        if student is not None:
            start = student_tensors(start, student)
        params = dict(net.named_parameters())
        with torch.no_grad():
            for n, value in start.items():
                params[n].copy_(value)
    trained = set(names)
    for name, p in net.named_parameters():
        p.requires_grad = name in trained
    head = [p for n, p in net.named_parameters() if n.startswith("head.")]
    body = [p for n, p in net.named_parameters() if n in trained and not n.startswith("head.")]
    optimiser = torch.optim.AdamW([{"params": body, "lr": args.lr}, {"params": head, "lr": args.head_lr}],
                                  weight_decay=0.01)
    warmup = max(1, int(total_steps * args.warmup))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / warmup) * max(0.0, (total_steps - s) / max(1, total_steps - warmup))
        if s >= warmup else (s + 1) / warmup)

    config = {"args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
              "mix": counts, "dev": len(dev), "steps_per_epoch": steps_per_epoch, "total_steps": total_steps,
              "trained_parameters": sum(p.numel() for n, p in net.named_parameters() if n in trained),
              "bf16": bf16, "base": base.name}
    if student is not None:
        config["layers"] = len(student)
        config["version"] = f"{args.mix}s{len(student)}"  # judge3s8: 8 layers of a judge trained on mix 3
        config["student_of"] = {"init": str(args.init), "layers": student}
    if teacher is not None:
        config["teacher"] = {"file": str(args.teacher), "weight": args.distill}
    state_path = args.run / "checkpoint.pt"
    step, best = 0, {"accuracy": -1.0}
    if state_path.exists():
        state = torch.load(state_path, weights_only=False)
        if state["config"]["mix"] != counts:
            raise SystemExit(f"{state_path} was made with another data mix; use another --run folder")
        if state["config"]["total_steps"] != total_steps:
            if not args.reschedule:
                raise SystemExit(f"{state_path} was made for {state['config']['total_steps']} steps, "
                                 f"not {total_steps}: "
                                 "give the same --epochs, or --reschedule to change the schedule from here")
            # The optimiser state carries on; only the learning-rate curve is recomputed for the new length.
            config["rescheduled"] = state["config"].get("rescheduled", []) + [
                {"at_step": state["step"], "from_total_steps": state["config"]["total_steps"],
                 "to_total_steps": total_steps}]
            print(f"rescheduled at step {state['step']}: {state['config']['total_steps']} -> {total_steps} steps",
                  flush=True)
        params = dict(net.named_parameters())
        with torch.no_grad():
            for n, value in state["weights"].items():
                params[n].copy_(value)
        optimiser.load_state_dict(state["optimiser"])
        schedule.load_state_dict(state["schedule"])
        # LambdaLR saves no lambda in its state: the curve is always this run's (new) length's.
        config.setdefault("rescheduled", state["config"].get("rescheduled", []))
        (args.run / "config.json").write_text(json.dumps(config, indent=2))
        step, best = state["step"], state["best"]
        torch.set_rng_state(state["torch_rng"])
        print(f"resumed at step {step} of {total_steps} (best dev {best})", flush=True)
    else:
        (args.run / "config.json").write_text(json.dumps(config, indent=2))

    def checkpoint():
        atomic_save({"weights": {n: p.detach().clone() for n, p in net.named_parameters() if n in trained},
                     "optimiser": optimiser.state_dict(), "schedule": schedule.state_dict(), "step": step,
                     "best": best, "torch_rng": torch.get_rng_state(), "config": config}, state_path)

    log = open(args.run / "log.jsonl", "a")
    net.train()
    last_checkpoint = time.monotonic()
    window_pairs, window_start, window_loss = 0, time.monotonic(), 0.0
    loss_fn = torch.nn.CrossEntropyLoss()
    while step < total_steps:
        epoch, index = divmod(step, steps_per_epoch)
        batches = epoch_batches(lengths, args.batch, args.seed, epoch)
        for rows in batches[index:]:
            if step >= total_steps:
                break
            ids, mask = collate([train_ids[i] for i in rows], pad_id)
            target = torch.tensor([train_labels[i] for i in rows])
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
                logits = net(ids, mask).float()
            loss = loss_fn(logits, target)
            if teacher is not None:
                # KL(teacher || student): the student learns the teacher's confidence, not only its argmax,
                # so thresholds set on the teacher's probabilities keep their meaning.
                soft = teacher[rows]
                kl = torch.sum(soft * (torch.log(soft.clamp(min=1e-8)) - torch.log_softmax(logits, -1)), -1).mean()
                loss = (1 - args.distill) * loss + args.distill * kl
            loss.backward()
            torch.nn.utils.clip_grad_norm_(body + head, 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad(set_to_none=True)
            step += 1
            window_pairs += len(rows)
            window_loss += loss.item()
            if args.probe and step >= args.probe:
                rate = window_pairs / (time.monotonic() - window_start)
                print(f"probe: {rate:.1f} pairs/s over {step} steps; mean tokens/pair "
                      f"{sum(lengths) / len(lengths):.0f}; epoch of {len(train)} pairs = "
                      f"{len(train) / rate / 3600:.2f} h", flush=True)
                return 0
            if step % 50 == 0:
                elapsed = time.monotonic() - window_start
                entry = {"step": step, "epoch": round(step / steps_per_epoch, 3), "loss": round(window_loss / 50, 4),
                         "lr": schedule.get_last_lr()[0], "pairs_per_s": round(window_pairs / elapsed, 2),
                         "time": time.strftime("%Y-%m-%dT%H:%M:%S")}
                window_pairs, window_start, window_loss = 0, time.monotonic(), 0.0
                if step % args.eval_every == 0 or step == total_steps:
                    entry["dev"] = evaluate(net, dev_ids, dev_labels, dev_sources, pad_id, bf16)
                    if entry["dev"]["accuracy"] > best["accuracy"]:
                        best = {**entry["dev"], "step": step}
                        save_weights(net, names, args.run / "best.safetensors", torch.float32)
                log.write(json.dumps(entry) + "\n")
                log.flush()
                print(json.dumps(entry), flush=True)
            over_budget = args.max_hours is not None and time.monotonic() - started > args.max_hours * 3600
            if over_budget or time.monotonic() - last_checkpoint > args.checkpoint_minutes * 60:
                checkpoint()
                last_checkpoint = time.monotonic()
                if over_budget:
                    print(f"stopped at step {step} of {total_steps} (--max-hours); run again to resume", flush=True)
                    return 0
    final = evaluate(net, dev_ids, dev_labels, dev_sources, pad_id, bf16)
    if final["accuracy"] > best["accuracy"]:
        best = {**final, "step": step}
        save_weights(net, names, args.run / "best.safetensors", torch.float32)
    save_weights(net, names, args.run / "last.safetensors", torch.float32)
    checkpoint()
    log.write(json.dumps({"step": step, "done": True, "dev": final, "best": best}) + "\n")
    log.close()
    print(f"done: {step} steps, dev {final}, best {best}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
