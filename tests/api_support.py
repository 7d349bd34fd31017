"""Test helpers for the API's robustness tests: a model server that answers only when told to
(a genuinely slow dependency, reached through the public settings STEERCO_MODEL and
STEERCO_API_BASE), and a Steerco server in its own process, which a test can kill -9."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx

from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class HeldModel:
    """An OpenAI-compatible chat server on loopback whose answers wait for `release()`."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.arrived = threading.Event()
        self.calls = 0
        held = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                return None

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                self.rfile.read(length)
                held.calls += 1
                held.arrived.set()
                held.gate.wait(timeout=120)
                body = json.dumps({
                    "id": "chatcmpl-held", "object": "chat.completion", "created": 0,
                    "model": "held", "choices": [{"index": 0, "finish_reason": "stop",
                    "message": {"role": "assistant", "content": "{}"}}],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                }).encode()  # fmt: skip
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def settings(self) -> dict[str, str]:
        """Steerco settings (environment variables) that send every model call here."""
        return {
            "STEERCO_MODEL": "openai/held-model",
            "STEERCO_API_BASE": f"http://127.0.0.1:{self.server.server_address[1]}/v1",
            "STEERCO_API_KEY": "not-a-secret",
            "STEERCO_LLM_RETRIES": "0",
            "STEERCO_FALLBACK_MODELS": "[]",
            "LITELLM_LOCAL_MODEL_COST_MAP": "True",
        }

    def release(self) -> None:
        self.gate.set()

    def close(self) -> None:
        self.gate.set()
        self.server.shutdown()
        self.server.server_close()


class ServerProcess:
    """`uvicorn api.app:create_app` in a child process, on a free loopback port."""

    def __init__(self, home: Path, log: Path, **env: str) -> None:
        self.port = free_port()
        self.log = log
        environ = {**os.environ, "PYTHONPATH": str(ROOT), "STEERCO_HOME": str(home),
                   "ANONYMIZED_TELEMETRY": "False", **env}  # fmt: skip
        code = (
            "import uvicorn; from api.app import create_app; "
            f"uvicorn.run(create_app(), host='127.0.0.1', port={self.port}, log_level='info')"
        )
        self.handle = log.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-c", code], env=environ, stdout=self.handle, stderr=self.handle
        )
        self.client = httpx.Client(base_url=f"http://127.0.0.1:{self.port}", timeout=60)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped: {log.read_text()[-2000:]}")
            try:
                if self.client.get("/healthz").status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.2)
        raise RuntimeError("the server did not start in 120 s")

    def kill(self) -> None:
        """kill -9: the server stops as in a crash, finishing nothing."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        self.client.close()
        self.handle.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
                return
        self.client.close()
        self.handle.close()


def wait_for(condition: Any, timeout: float = 120, every: float = 0.1) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"not true within {timeout} s: {condition}")
