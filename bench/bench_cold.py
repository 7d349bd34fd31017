"""Cold processes, as a person at a terminal feels them, reported as ratios to a yardstick.

- one-shot: the whole `steerco brief` process on the bundled example, against a bare
  `python -c "import pydantic, jinja2, yaml"` (the libraries any such tool pays for);
- workspace: the whole `steerco brief WORKSPACE` process on a status naming its item by key
  (no retrieval) and on a paraphrase (vector retrieval: the embedding model is loaded);
- imports: what `python -X importtime` says the one-shot CLI spends on, by top-level package
  and by the slowest modules of Steerco itself.

Medians of N interleaved runs (so a busy machine slows both sides alike), in wall-clock time
and in CPU time (user + system of the process: what a shared, busy machine does not inflate as
much). Run: `.venv/bin/python bench/bench_cold.py [--runs N] [--one-shot] [--against CHECKOUT]`
(`--one-shot`: without the workspace briefs; `--against /work/main`: the same one-shot from
another checkout, interleaved with this one's, so both sides meet the same load).

`--instructions` counts instead the machine instructions each one-shot process executes
(valgrind's callgrind, once each, hash seed fixed): a figure a busy or throttled machine
cannot move, for comparing two versions of the code (it leaves out waiting on the disk and
the caches' misses, which wall and CPU times include). About a minute.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "transvia"
STEERCO = Path(sys.executable).parent / "steerco"
YARDSTICK = [sys.executable, "-c", "import pydantic, jinja2, yaml"]
ONE_SHOT = [
    *("brief", "--context", str(EXAMPLE / "context.yaml"), "--goals", str(EXAMPLE / "goals.yaml")),
    *("--backlog", str(EXAMPLE / "backlog.csv"), "--status", str(EXAMPLE / "status.fr.txt")),
    *("--as-of", "2026-11-20"),
]
KEY_STATUS = "POR-4 is 2 weeks late."
PARAPHRASE_STATUS = "Live parcel tracking is 2 weeks late."  # words miss POR-4, vectors find it


def env(root: Path = ROOT, **extra: str) -> dict[str, str]:
    """The children's environment. Byte-code caching is on whatever the shell says: an
    installed Steerco has its .pyc files (pip compiles them), as the yardstick's libraries in
    site-packages do; with PYTHONDONTWRITEBYTECODE a checkout recompiles every module of
    Steerco from source in every process (about 0.05 to 0.1 s of CPU here)."""
    out = {**os.environ, "PYTHONPATH": str(root), "ANONYMIZED_TELEMETRY": "False", **extra}
    out["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
    out.pop("PYTHONDONTWRITEBYTECODE", None)
    return out


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def seconds(cmd: list[str], environ: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of `cmd` (`environ` may name another checkout)."""
    start, start_cpu = time.perf_counter(), cpu()
    subprocess.run(cmd, check=True, capture_output=True, env=environ, cwd=environ["PYTHONPATH"])
    return time.perf_counter() - start, cpu() - start_cpu


def medians(
    commands: dict[str, list[str]],
    environ: dict[str, str],
    runs: int,
    environs: dict[str, dict[str, str]] | None = None,
) -> dict:
    """{name: (median wall s, median CPU s)}; `environs` gives some commands their own."""
    times: dict[str, list[tuple[float, float]]] = defaultdict(list)
    chosen = {name: (environs or {}).get(name, environ) for name in commands}
    for name, cmd in commands.items():  # one warm-up each: page cache, .pyc files
        seconds(cmd, chosen[name])
    for _ in range(runs):
        for name, cmd in commands.items():
            times[name].append(seconds(cmd, chosen[name]))
    return {
        name: (statistics.median(v[0] for v in values), statistics.median(v[1] for v in values))
        for name, values in times.items()
    }


def instructions(cmd: list[str], environ: dict[str, str]) -> int:
    """Machine instructions `cmd` executes, counted by valgrind's callgrind."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
        capture_output=True,
        text=True,
        env={**environ, "PYTHONHASHSEED": "0"},
        cwd=environ["PYTHONPATH"],
        check=True,
    )
    return int(re.search(r"refs:\s+([\d,]+)", done.stderr).group(1).replace(",", ""))


def instruction_ratios(commands: dict[str, list[str]], environs: dict[str, dict]) -> None:
    for name, cmd in commands.items():  # warm-up: page cache, .pyc files, Steerco's caches
        subprocess.run(cmd, check=True, capture_output=True, env=environs[name])
    counted = {name: instructions(cmd, environs[name]) for name, cmd in commands.items()}
    print("Instructions executed (callgrind, hash seed 0)\n")
    print("| measure | instructions | / bare imports |\n|---|---:|---:|")
    for name, count in counted.items():
        share = count / counted["yardstick"]
        print(f"| {name} | {count / 1e6:,.0f} M | **{share:.2f}x** |")


def row(label: str, measured: tuple[float, float]) -> str:
    return f"| {label} | {measured[0] * 1000:.0f} ms | {measured[1] * 1000:.0f} ms |"


def ratio(label: str, top: tuple[float, float], bottom: tuple[float, float]) -> str:
    return f"| **{label}** | **{top[0] / bottom[0]:.1f}x** | **{top[1] / bottom[1]:.1f}x** |"


def group(module: str) -> str:
    """Steerco by subpackage (assistant.facts, assistant.loaders...), the rest by package."""
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] in {"assistant", "api"} else parts[0]


def import_profile(environ: dict[str, str]) -> tuple[float, list[tuple[str, float]], list]:
    """(total import s, [(package, self s)], [(steerco module, self s)]) of the one-shot CLI."""
    out = subprocess.run(
        [sys.executable, "-X", "importtime", str(STEERCO), *ONE_SHOT],
        capture_output=True,
        text=True,
        env=environ,
        cwd=ROOT,
        check=True,
    ).stderr
    rows = re.findall(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", out)
    by_group: dict[str, float] = defaultdict(float)
    own: list[tuple[str, float]] = []
    for self_us, _cumulative, _indent, module in rows:
        by_group[group(module)] += int(self_us) / 1e6
        if module.split(".")[0] in {"assistant", "api"}:
            own.append((module, int(self_us) / 1e6))
    total = sum(by_group.values())
    top = sorted(by_group.items(), key=lambda pair: -pair[1])
    return total, top, sorted(own, key=lambda pair: -pair[1])


def workspace_home(environ: dict[str, str]) -> None:
    subprocess.run([str(STEERCO), "init", "bench"], check=True, capture_output=True, env=environ)
    files = [EXAMPLE / name for name in ("context.yaml", "goals.yaml", "backlog.csv", "audit.csv")]
    subprocess.run(
        [str(STEERCO), "ingest", "bench", *map(str, files)],
        check=True,
        capture_output=True,
        env=environ,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--one-shot", action="store_true", help="skip the workspace briefs")
    parser.add_argument("--against", type=Path, help="another checkout's one-shot, interleaved")
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions (valgrind) instead"
    )
    args = parser.parse_args()
    environ = env()
    commands = {"yardstick": YARDSTICK, "one-shot": [str(STEERCO), *ONE_SHOT]}
    others = {}
    if args.against:
        commands["against"] = [str(STEERCO), *ONE_SHOT]
        others["against"] = env(args.against.resolve())
    if args.instructions:
        instruction_ratios(commands, {name: others.get(name, environ) for name in commands})
        return
    one_shot = medians(commands, environ, args.runs, others)
    total, top, own = import_profile(environ)
    ws = {}
    if not args.one_shot:
        with tempfile.TemporaryDirectory(prefix="steerco-bench-") as home:
            ws_env = env(STEERCO_HOME=home)
            workspace_home(ws_env)
            brief = [str(STEERCO), "brief", "bench", "--as-of", "2026-11-20", "--text"]
            ws = medians(
                {"key": [*brief, KEY_STATUS], "paraphrase": [*brief, PARAPHRASE_STATUS]},
                ws_env,
                max(3, args.runs // 2),
            )
    embeddings = os.environ.get("STEERCO_EMBEDDINGS", "default")
    print(f"Cold processes (median of {args.runs}; embeddings: {embeddings})\n")
    print("| measure | wall | CPU |\n|---|---:|---:|")
    print(row("bare `import pydantic, jinja2, yaml`", one_shot["yardstick"]))
    print(row("`steerco brief` one-shot, bundled example", one_shot["one-shot"]))
    print(ratio("one-shot / bare imports", one_shot["one-shot"], one_shot["yardstick"]))
    if args.against:
        print(row(f"`steerco brief` one-shot, {args.against}", one_shot["against"]))
        print(ratio(f"{args.against} / bare imports", one_shot["against"], one_shot["yardstick"]))
    if ws:
        print(row("workspace brief, item named by key", ws["key"]))
        print(row("workspace brief, paraphrase (vector retrieval)", ws["paraphrase"]))
        print(ratio("paraphrase / key", ws["paraphrase"], ws["key"]))
    print(f"\nLoad average when done: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"\nImports of the one-shot CLI (`-X importtime`): {total * 1000:.0f} ms in all\n")
    print("| package (Steerco: by subpackage) | self ms | share |\n|---|---:|---:|")
    for name, value in top[:14]:
        print(f"| {name} | {value * 1000:.0f} | {value / total:.0%} |")
    print("\n| Steerco module | self ms |\n|---|---:|")
    for name, value in own[:20]:
        print(f"| {name} | {value * 1000:.0f} |")


if __name__ == "__main__":
    main()
