"""Request size and rate limits: 413 past the size (chunked bodies included), 429 with
Retry-After past the per-key rate."""

from __future__ import annotations

import math
import threading
import time

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class TokenBuckets:
    """A token bucket per key: `per_minute` tokens, refilled continuously."""

    def __init__(self, per_minute: int, clock=time.monotonic) -> None:
        self.rate = per_minute / 60.0
        self.capacity = float(per_minute)
        self.clock = clock
        self.buckets: dict[str, tuple[float, float]] = {}
        self.lock = threading.Lock()

    def _tokens(self, key: str, now: float) -> float:
        tokens, last = self.buckets.get(key, (self.capacity, now))
        return min(self.capacity, tokens + (now - last) * self.rate)

    def _wait(self, tokens: float) -> int:
        """Whole seconds until one token is back (for Retry-After)."""
        return max(1, math.ceil((1 - tokens) / self.rate))


class RateLimiter(TokenBuckets):
    """`per_minute` requests per key, then 429 with Retry-After."""

    def check(self, key: str) -> None:
        with self.lock:
            now = self.clock()
            tokens = self._tokens(key, now)
            if tokens < 1:
                self.buckets[key] = (tokens, now)
                raise HTTPException(
                    429, "rate limit exceeded", headers={"Retry-After": str(self._wait(tokens))}
                )
            self.buckets[key] = (tokens - 1, now)


class BodySizeLimit:
    """Counts the bytes actually received, so a chunked upload cannot dodge the limit."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await _too_large(send, self.max_bytes)
            return
        if declared is not None:
            await self.app(scope, receive, send)
            return
        # chunked: read (up to the limit) before the app sees anything, then replay
        chunks: list[bytes] = []
        received = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                await _too_large(send, self.max_bytes)
                return
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _too_large(send: Send, limit: int) -> None:
    body = (
        b'{"error":"too_large","message":"request body over ' + str(limit).encode() + b' bytes",'
        b'"fix":"send a smaller file, or split the export"}'
    )
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": body})
