"""Briefs per second and p50/p95 latency of the HTTP API (offline one-shot path) with 1, 8 and
32 concurrent clients, against a real uvicorn server on a loopback port. Run: `make bench`."""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import uvicorn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api.app import create_app  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from tests.test_api import free_port, seed_body  # noqa: E402

REQUESTS = 160


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        port = free_port()
        server = uvicorn.Server(
            uvicorn.Config(create_app(Settings(home=Path(home))), port=port, log_level="error")
        )
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        url = f"http://127.0.0.1:{port}/v1/briefs"
        body = seed_body()
        httpx.post(url, json=body, timeout=60).raise_for_status()  # warm up
        print("| concurrent clients | briefs/s | p50 ms | p95 ms |\n|---|---|---|---|")
        for clients in (1, 8, 32):
            latencies: list[float] = []

            def one(_: int, client: httpx.Client, out: list[float] = latencies) -> None:
                start = time.perf_counter()
                client.post(url, json=body).raise_for_status()
                out.append(time.perf_counter() - start)

            with httpx.Client(timeout=120, limits=httpx.Limits(max_connections=clients)) as client:
                start = time.perf_counter()
                with ThreadPoolExecutor(clients) as pool:
                    list(pool.map(lambda i: one(i, client), range(REQUESTS)))
                elapsed = time.perf_counter() - start
            latencies.sort()
            p95 = latencies[int(0.95 * (len(latencies) - 1))]
            print(
                f"| {clients} | {REQUESTS / elapsed:.0f} | "
                f"{statistics.median(latencies) * 1000:.0f} | {p95 * 1000:.0f} |"
            )
        server.should_exit = True


if __name__ == "__main__":
    main()
