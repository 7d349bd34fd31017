"""The HTTP API against real servers on a loopback port. Run: `make bench`.

- one-shot: briefs per second and p50/p95 latency (offline one-shot path) with 1, 8 and 32
  concurrent clients, against a uvicorn server in this process;
- workspaces: a `steerco serve` process of its own over N workspaces (made beforehand by a
  separate process): how long until `/readyz` says ready, the first and a later paraphrase
  brief (vector retrieval), and the server's resident memory as it briefs each workspace in
  turn (it must level off, not grow by a constant per workspace).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
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
EXAMPLE = ROOT / "examples" / "transvia"
NOW = "2026-11-20T09:00:00+00:00"
PARAPHRASE = "Live parcel tracking is 2 weeks late."  # words miss POR-4, vectors find it


def one_shot() -> None:
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


def make_workspaces(home: Path, count: int) -> None:
    """`count` workspaces of the bundled example, ingested and indexed (run in its own process)."""
    from assistant.settings import Settings
    from assistant.workspace.indexing import Indexer
    from assistant.workspace.ingest import ingest
    from assistant.workspace.workspace import Workspace

    settings = Settings(home=home)
    files = [EXAMPLE / name for name in ("context.yaml", "goals.yaml", "backlog.csv", "audit.csv")]
    for n in range(count):
        workspace = Workspace.create(home, f"ws{n:02d}", now=NOW)
        ingest(workspace, files, now=NOW, indexer=Indexer(workspace, settings))


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def workspaces(count: int) -> None:
    with tempfile.TemporaryDirectory(prefix="steerco-bench-") as home:
        env = {**os.environ, "STEERCO_HOME": home, "PYTHONPATH": str(ROOT)}
        env |= {"ANONYMIZED_TELEMETRY": "False", "LITELLM_LOCAL_MODEL_COST_MAP": "True"}
        subprocess.run(
            [sys.executable, __file__, "--make-workspaces", home, str(count)], check=True, env=env
        )
        port = free_port()
        steerco = str(Path(sys.executable).parent / "steerco")
        start = time.perf_counter()
        server = subprocess.Popen(
            [steerco, "serve", "--port", str(port)], env=env, stderr=subprocess.DEVNULL
        )
        base = f"http://127.0.0.1:{port}"
        try:
            listening = ready = None
            while ready is None and time.perf_counter() - start < 120:
                try:
                    answer = httpx.get(f"{base}/readyz", timeout=5)
                    listening = listening or time.perf_counter() - start
                    if answer.status_code == 200:
                        ready = time.perf_counter() - start
                except httpx.TransportError:
                    pass
                time.sleep(0.02)
            if ready is None:
                raise SystemExit("the server never said ready")
            body = {"status": PARAPHRASE, "today": "2026-11-20", "language": "en"}
            rss = [rss_mib(server.pid)]
            latencies = []
            with httpx.Client(base_url=base, timeout=120) as client:
                for n in range(2 * count):  # every workspace, then every one again
                    began = time.perf_counter()
                    answer = client.post(f"/v1/workspaces/ws{n % count:02d}/briefs", json=body)
                    answer.raise_for_status()
                    latencies.append(time.perf_counter() - began)
                    assert answer.json()["impacts"], "the paraphrase found no item"
                    rss.append(rss_mib(server.pid))
        finally:
            server.terminate()
            server.wait(timeout=30)
    first, later, again = latencies[0], latencies[1:count], latencies[count:]
    half = count // 2
    tail = (rss[count] - rss[half]) / max(count - half, 1)
    second = (rss[2 * count] - rss[count]) / count
    print(f"\nWorkspaces: one `steerco serve` process, {count} workspaces of the bundled example\n")
    print("| measure | value |\n|---|---|")
    print(f"| start to listening (`/readyz` answers) | {listening:.1f} s |")
    print(f"| start to ready (`/readyz` 200) | {ready:.1f} s |")
    print(f"| first paraphrase brief (workspace 1) | {first * 1000:.0f} ms |")
    print(f"| paraphrase brief, each new workspace (median of {count - 1}) | {statistics.median(later) * 1000:.0f} ms |")  # fmt: skip
    print(f"| paraphrase brief, a workspace briefed before (median of {count}) | {statistics.median(again) * 1000:.0f} ms |")  # fmt: skip
    print(f"| **first paraphrase brief / later ones** | **{first / statistics.median(later):.1f}x** |")  # fmt: skip
    print(f"| server memory when ready | {rss[0]:.0f} MiB |")
    print(f"| server memory after 1 / {half} / {count} workspaces, then all {count} again | {rss[1]:.0f} / {rss[half]:.0f} / {rss[count]:.0f} / {rss[2 * count]:.0f} MiB |")  # fmt: skip
    print(f"| **memory growth per workspace, workspaces {half + 1} to {count}** | **{tail:+.2f} MiB** |")  # fmt: skip
    print(f"| **memory growth per brief, second round** | **{second:+.2f} MiB** |")
    print(f"\nLoad average when done: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workspaces", type=int, default=30, metavar="N")
    parser.add_argument("--only", choices=["one-shot", "workspaces"])
    parser.add_argument("--make-workspaces", nargs=2, metavar=("HOME", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_workspaces:
        make_workspaces(Path(args.make_workspaces[0]), int(args.make_workspaces[1]))
        return
    if args.only != "workspaces":
        one_shot()
    if args.only != "one-shot":
        workspaces(args.workspaces)


if __name__ == "__main__":
    main()
