"""Files and folders put into place whole (`verify.atomic`): what a reader finds after a write, a failed
write, and a write that races another process's."""

from __future__ import annotations

import os
import stat

import pytest

from verify.atomic import file_into_place, folder_into_place


def _siblings(path):
    return sorted(p.name for p in path.parent.iterdir())


def test_a_file_replaces_the_old_one_only_when_written(tmp_path):
    target = tmp_path / "report.md"
    target.write_text("old")
    with file_into_place(target, durable=True) as tmp:
        tmp.write_text("new")
        assert target.read_text() == "old"  # a reader meanwhile sees the old file whole
    assert target.read_text() == "new"
    assert _siblings(target) == ["report.md"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path):
    target = tmp_path / "report.md"
    target.write_text("old")
    with pytest.raises(OSError), file_into_place(target) as tmp:
        tmp.write_text("half")
        raise OSError(28, "No space left on device")
    assert target.read_text() == "old"
    assert _siblings(target) == ["report.md"]


def test_a_new_folder_is_readable_by_others_as_the_umask_allows(tmp_path):
    old = os.umask(0o022)
    try:
        with folder_into_place(tmp_path / "graph") as tmp:
            (tmp / "body.onnx").write_bytes(b"graph")
    finally:
        os.umask(old)
    mode = stat.S_IMODE((tmp_path / "graph").stat().st_mode)
    assert mode == 0o755, oct(mode)  # not mkdtemp's 0o700: a shared cache's other users read it
    assert _siblings(tmp_path / "graph") == ["graph"]


def test_a_failed_folder_leaves_nothing(tmp_path):
    with pytest.raises(RuntimeError), folder_into_place(tmp_path / "graph") as tmp:
        (tmp / "body.onnx").write_bytes(b"half")
        raise RuntimeError("export failed")
    assert list(tmp_path.iterdir()) == []


def test_a_finished_folder_of_another_process_is_kept(tmp_path):
    dest = tmp_path / "graph"
    with folder_into_place(dest) as tmp:
        (tmp / "body.onnx").write_bytes(b"ours")
        dest.mkdir()  # the other process's rename comes first
        (dest / "body.onnx").write_bytes(b"theirs")
    assert (dest / "body.onnx").read_bytes() == b"theirs"
    assert _siblings(dest) == ["graph"]


def test_a_stale_folder_is_replaced(tmp_path):
    dest = tmp_path / "graph"
    dest.mkdir()
    (dest / "word_embeddings.npy").write_bytes(b"an earlier version's layout")
    with folder_into_place(dest, whole=lambda folder: (folder / "body.onnx").is_file()) as tmp:
        (tmp / "body.onnx").write_bytes(b"new")
    assert sorted(p.name for p in dest.iterdir()) == ["body.onnx"]
    assert _siblings(dest) == ["graph"]
