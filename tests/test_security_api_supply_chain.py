"""Supply chain: the malicious litellm releases can never be installed, and a fresh machine
installs exactly the locked, hash-checked tree that was tested (requirements.lock)."""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.version import Version

from tests.conftest import ROOT

LOCK = ROOT / "requirements.lock"
PINNED = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+)", re.MULTILINE)


def _requirements() -> dict[str, Requirement]:
    """What the lock is compiled from (`make lock`): the dependencies and the dev extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    every = project["dependencies"] + project["optional-dependencies"]["dev"]
    return {Requirement(d).name.lower(): Requirement(d) for d in every}


def _locked() -> dict[str, str]:
    return {name.lower().replace("_", "-"): v for name, v in PINNED.findall(LOCK.read_text())}


def test_the_malicious_litellm_releases_are_excluded() -> None:
    litellm = _requirements()["litellm"]
    for bad in ("1.82.7", "1.82.8"):
        assert not litellm.specifier.contains(Version(bad))
    assert litellm.specifier.contains(Version("1.82.9"))
    assert _locked()["litellm"] not in ("1.82.7", "1.82.8")


def test_the_lock_pins_every_dependency_with_hashes() -> None:
    text = LOCK.read_text(encoding="utf-8")
    locked = _locked()
    for name, requirement in _requirements().items():
        if requirement.marker is None or requirement.marker.evaluate():
            assert name.replace("_", "-") in locked, f"{name} is not in requirements.lock"
    for block in re.split(r"\n(?=[A-Za-z0-9_.-]+==)", text.split("\n\n", 1)[-1]):
        if PINNED.match(block):
            assert "--hash=sha256:" in block, block.splitlines()[0]
    for name, version in locked.items():
        if name in _requirements():
            assert _requirements()[name].specifier.contains(Version(version), prereleases=True)
    assert "hatchling" in locked  # the build backend too: `pip install --no-build-isolation`


def test_the_lock_holds_the_cpu_build_of_torch_never_cuda() -> None:
    locked = _locked()
    if "torch" in locked:
        assert locked["torch"].endswith("+cpu")
    assert not [name for name in locked if name.startswith(("nvidia-", "triton"))]


def test_setup_and_ci_install_from_the_lock_with_hashes() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes --no-deps -r $(LOCK)" in makefile
    assert "--no-deps --no-build-isolation -e ." in makefile
    assert "pip install --quiet -e '.[dev]'" not in makefile  # nothing resolved afresh
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
