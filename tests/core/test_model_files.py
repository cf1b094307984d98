"""Reading GGUF headers without loading the model, checked against the gguf package and
llama.cpp's own reading of the same file."""

from __future__ import annotations

from pathlib import Path

import gguf
import pytest

from aideon_desktop.core.errors import ModelFileError
from aideon_desktop.core.model_files import GgufArray, gguf_facts, read_gguf_metadata


def test_header_matches_the_gguf_package(model_path: Path) -> None:
    ours = read_gguf_metadata(model_path)
    reader = gguf.GGUFReader(model_path)
    theirs = {
        name: field
        for name, field in reader.fields.items()
        if not name.startswith("GGUF.")  # the reader's own virtual fields
    }
    assert set(ours) == set(theirs)
    for name, field in theirs.items():
        if field.types[0] == gguf.GGUFValueType.ARRAY:
            assert ours[name] == GgufArray(int(field.types[-1]), len(field.data)), name
        else:
            expected = field.contents()
            assert (
                ours[name] == pytest.approx(expected)
                if isinstance(expected, float)
                else (ours[name] == expected)
            ), name


def test_facts_match_what_llama_cpp_reads(local_provider, model_path: Path) -> None:
    facts = gguf_facts(model_path)
    meta = local_provider.ensure_loaded().metadata
    arch = meta["general.architecture"]
    assert facts.architecture == arch
    assert facts.block_count == int(meta[f"{arch}.block_count"])
    assert facts.head_count == int(meta[f"{arch}.attention.head_count"])
    assert facts.head_count_kv == int(meta[f"{arch}.attention.head_count_kv"])
    assert facts.embedding_length == int(meta[f"{arch}.embedding_length"])
    assert facts.key_length == facts.embedding_length // facts.head_count
    assert facts.vocab_size == int(meta[f"{arch}.vocab_size"])
    assert facts.context_length == int(meta[f"{arch}.context_length"])
    assert facts.chat_template == meta["tokenizer.chat_template"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"GGUF" + (1).to_bytes(4, "little"), "version 1"),
        (b"GGUF" + (3).to_bytes(4, "little") + (0).to_bytes(8, "little"), "truncated"),
        (b"not a gguf at all", "not a GGUF"),
    ],
)
def test_broken_headers_are_clear_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "broken.gguf"
    path.write_bytes(content)
    with pytest.raises(ModelFileError, match=message):
        read_gguf_metadata(path)


def test_a_huge_length_in_the_header_is_corruption_not_a_memory_bomb(tmp_path: Path) -> None:
    path = tmp_path / "bomb.gguf"
    header = b"GGUF" + (3).to_bytes(4, "little") + (0).to_bytes(8, "little")
    path.write_bytes(header + (1).to_bytes(8, "little") + (1 << 60).to_bytes(8, "little"))
    with pytest.raises(ModelFileError, match="corrupt"):
        read_gguf_metadata(path)
