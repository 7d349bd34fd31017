"""API keys: configured by the operator, stored hashed, compared in constant time, scoped to
workspaces. The keys file (STEERCO_API_KEYS_FILE) holds only hashes, never a secret."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

import yaml
from fastapi import HTTPException

from api.limits import TokenBuckets
from assistant.errors import ConfigError, InputError
from assistant.yaml_safe import load_yaml

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


_SHA256 = re.compile(r"[0-9a-f]{64}")
_FIX = "recreate it with `steerco api-key add NAME --workspace W`, or unset STEERCO_API_KEYS_FILE"


def load_keys(path: Path | None) -> list[ApiKey]:
    """The server's keys. A keys file that is set but missing, unreadable, malformed or empty is
    an error: the server must never start open because of a typo in STEERCO_API_KEYS_FILE."""
    if path is None:
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            f"the API keys file {path} (STEERCO_API_KEYS_FILE) does not exist.",
            fix="check the path, create a key with `steerco api-key add NAME --workspace W`, "
            "or unset STEERCO_API_KEYS_FILE for a keyless server on localhost.",
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(
            f"the API keys file {path} cannot be read ({type(error).__name__}).",
            fix="make it a readable UTF-8 file for the user who runs the server.",
        ) from None
    keys = _parse(path, text)
    if not keys:
        raise ConfigError(f"the API keys file {path} holds no key.", fix=_FIX + ".")
    return keys


def _parse(path: Path, text: str) -> list[ApiKey]:
    try:
        raw = load_yaml(text, file=str(path)) or []  # anchors and aliases refused
        if not isinstance(raw, list):
            raise TypeError("expected a list of keys")
        keys = []
        for entry in raw:
            workspaces = entry["workspaces"]
            if isinstance(workspaces, str) or not workspaces:
                raise TypeError(f"key {entry.get('name')!r}: workspaces must be a list")
            if not _SHA256.fullmatch(str(entry["sha256"])):
                raise TypeError(f"key {entry.get('name')!r}: sha256 is not a SHA-256 hex digest")
            keys.append(ApiKey(str(entry["name"]), str(entry["sha256"]), tuple(str(w) for w in workspaces)))  # fmt: skip
        return keys
    except InputError as error:  # an alias: no keys file needs one
        raise ConfigError(
            f"the API keys file {path} is malformed ({error.message})", fix=_FIX + "."
        ) from None
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as error:
        raise ConfigError(
            f"the API keys file {path} is malformed ({error}).",
            fix="each entry needs name, sha256 and workspaces; " + _FIX + ".",
        ) from None


def add_key(path: Path, name: str, workspaces: list[str]) -> str:
    """Append a new key's hash to the keys file (created if missing); return the secret."""
    keys = _parse(path, path.read_text(encoding="utf-8")) if path.exists() else []
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


class AuthThrottle(TokenBuckets):
    """Failed authentications per client address: `per_minute` tolerated (refilled
    continuously), then 429 with Retry-After for that address, right key or not."""

    def check(self, address: str) -> None:
        with self.lock:
            tokens = self._tokens(address, self.clock())
        if tokens < 1:
            raise HTTPException(
                429,
                "too many failed sign-ins from this address: wait before trying again.",
                headers={"Retry-After": str(self._wait(tokens))},
            )

    def failed(self, address: str) -> None:
        with self.lock:
            now = self.clock()
            if len(self.buckets) > 10_000:  # forget the addresses that are back to full
                self.buckets = {
                    a: b for a, b in self.buckets.items() if self._tokens(a, now) < self.capacity
                }
            self.buckets[address] = (self._tokens(address, now) - 1, now)
