"""API keys: configured by the operator, stored hashed, compared in constant time, scoped to
workspaces. The keys file (STEERCO_API_KEYS_FILE) holds only hashes, never a secret."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.errors import ConfigError

PREFIX = "stc_"


@dataclass(frozen=True)
class ApiKey:
    name: str
    sha256: str
    workspaces: tuple[str, ...]  # "*" = every workspace

    def allows(self, workspace: str) -> bool:
        return "*" in self.workspaces or workspace in self.workspaces


def hash_key(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_key() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def load_keys(path: Path | None) -> list[ApiKey]:
    if path is None or not path.exists():
        return []
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        return [
            ApiKey(str(k["name"]), str(k["sha256"]), tuple(str(w) for w in k["workspaces"]))
            for k in raw
        ]
    except (yaml.YAMLError, KeyError, TypeError) as error:
        raise ConfigError(
            f"the API keys file {path} is malformed ({error}).",
            fix="each entry needs name, sha256 and workspaces; recreate it with "
            "`steerco api-key add NAME --workspace W`.",
        ) from None


def add_key(path: Path, name: str, workspaces: list[str]) -> str:
    """Append a new key's hash to the keys file; return the secret (shown once)."""
    keys = load_keys(path)
    if any(k.name == name for k in keys):
        raise ConfigError(f"an API key named '{name}' exists already.", fix="pick another name.")
    secret = new_key()
    entries = [{"name": k.name, "sha256": k.sha256, "workspaces": list(k.workspaces)} for k in keys]
    entries.append({"name": name, "sha256": hash_key(secret), "workspaces": workspaces})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(entries, sort_keys=False), encoding="utf-8")
    path.chmod(0o600)
    return secret


def authenticate(keys: list[ApiKey], secret: str) -> ApiKey | None:
    """The key whose hash matches, comparing every key in constant time."""
    digest = hash_key(secret)
    found = None
    for key in keys:
        if hmac.compare_digest(key.sha256, digest):
            found = key
    return found
