"""Training speed of the judge's candidate shapes, on real pairs: the measurement behind the first
rows of docs/MODEL_CARD.md's table (batches of 32 in data order, padded to their longest pair).

    .venv/bin/python training/probe_shapes.py

Prints pairs/s for: all 12 layers fp32, all 12 layers bf16 autocast, top 6 and top 4 layers bf16.
The length-bucketed row comes from `python training/train_nli.py --probe 30`.
"""
import json
import random
import sys
import time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tokenizers import Tokenizer

from verify import e5model
from verify.judge.net import build_network, trainable_names

torch.set_num_threads(2)
d = e5model.ensure_default_model()
tok = Tokenizer.from_file(str(d / 'tokenizer.json'))
tok.enable_truncation(max_length=128)
rows = [json.loads(l) for f in ['snli_devtest', 'taxinli_mnli', 'inferes_train']
        for l in open(ROOT.parent / 'shared' / 'data' / 'nli' / f'{f}.jsonl')]
random.seed(0)
random.shuffle(rows)


def batch(rs):
    enc = tok.encode_batch([(r['premise'], r['hypothesis']) for r in rs])
    L = max(len(e.ids) for e in enc)
    ids = torch.full((len(rs), L), 1)
    mask = torch.zeros((len(rs), L), dtype=torch.long)
    for i, e in enumerate(enc):
        ids[i, :len(e.ids)] = torch.tensor(e.ids)
        mask[i, :len(e.ids)] = 1
    return ids, mask


def run(train_layers, bf16, bs=32, steps=6):
    net = build_network(d)
    names = set(trainable_names(net, train_layers))
    for n, p in net.named_parameters():
        p.requires_grad = n in names
    opt = torch.optim.AdamW([p for p in net.parameters() if p.requires_grad], lr=3e-5)
    net.train()
    y = torch.randint(0, 3, (bs,))
    times = []
    toks = 0
    for s in range(steps):
        ids, mask = batch(rows[s * bs:(s + 1) * bs])
        toks += ids.numel()
        t = time.perf_counter()
        with torch.autocast('cpu', dtype=torch.bfloat16, enabled=bf16):
            loss = torch.nn.functional.cross_entropy(net(ids, mask), y)
        loss.backward()
        opt.step()
        opt.zero_grad()
        times.append(time.perf_counter() - t)
    tt = sum(times[1:])
    print(f'layers={train_layers} bf16={bf16} bs={bs}: {bs * (steps - 1) / tt:.1f} pairs/s  '
          f'mean tokens/pair {toks / steps / bs:.0f}', flush=True)


for cfg in [(12, False), (12, True), (6, True), (4, True)]:
    run(*cfg)
