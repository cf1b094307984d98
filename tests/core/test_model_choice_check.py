"""A model file chosen in Settings passes the loader's own checks, or is refused with its reason."""

from __future__ import annotations

import gguf
import pytest

from aideon_desktop.core.errors import ModelFileError
from aideon_desktop.core.model_choice_check import check_model_choice


def test_the_embedded_chat_model_is_accepted(model_path) -> None:
    sentence = check_model_choice(str(model_path))
    assert sentence.startswith("OK: ") and "(llama, 0.1 GB, 8,192-token context)" in sentence


def test_empty_means_the_built_in_model() -> None:
    assert "built into Aideon" in check_model_choice("  ")


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda d: d / "missing.gguf", "Model file not found"),
        (lambda d: d, "Model path is not a file"),
        (lambda d: (d / "notes.gguf", (d / "notes.gguf").write_text("hello"))[0], "not a GGUF"),
    ],
)
def test_bad_paths_are_refused_with_the_reason(tmp_path, make, reason) -> None:
    with pytest.raises(ModelFileError, match=reason) as refused:
        check_model_choice(str(make(tmp_path)))
    assert "Settings → Local model" not in str(refused.value)  # the user is already there


def test_a_gguf_without_a_chat_template_is_refused(tmp_path) -> None:
    path = tmp_path / "base.gguf"
    writer = gguf.GGUFWriter(str(path), arch="llama")
    writer.add_name("Base model")
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    with pytest.raises(ModelFileError, match="no chat template"):
        check_model_choice(str(path))


def test_a_truncated_gguf_is_refused(tmp_path, model_path) -> None:
    path = tmp_path / "cut.gguf"
    path.write_bytes(model_path.read_bytes()[:64])
    with pytest.raises(ModelFileError, match="corrupt or truncated"):
        check_model_choice(str(path))
