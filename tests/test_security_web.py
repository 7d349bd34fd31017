"""Issue 9, web side: what a hostile page, Host name or key guess gets from a running server
(a real uvicorn on a loopback port, driven over HTTP like a browser or a script would)."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from api.app import create_app
from api.security import add_key
from assistant.errors import ConfigError
from assistant.settings import Settings
from tests.conftest import SEED
from tests.test_api import free_port

PAYLOAD = '"><img src=x onerror="window.__xss=1"><script>window.__xss=1</script>'


@pytest.fixture
def serve(tmp_path: Path) -> Iterator:
    servers = []

    def start(**settings_kw) -> httpx.Client:
        settings = Settings(home=tmp_path / "home", **settings_kw)
        port = free_port()
        app = create_app(settings)
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        servers.append((server, thread))
        return httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120)

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(timeout=10)


def csrf_of(page: httpx.Response) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found, "the page's forms carry a CSRF token"
    return found.group(1)


def workspaces(home: Path) -> list[str]:
    return sorted(p.name for p in home.iterdir()) if home.is_dir() else []


# 1. Escaping ---------------------------------------------------------------------------------


def test_new_workspace_form_error_does_not_reflect_its_input(serve) -> None:
    client = serve()
    token = csrf_of(client.get("/?lang=en"))
    answer = client.post("/w?lang=en", data={"name": PAYLOAD, "csrf": token})
    assert answer.status_code == 422
    assert "<script>" not in answer.text and "<img" not in answer.text
    assert "not valid" in answer.text  # what was wrong, and the fix
    assert "lowercase letters" in answer.text


def test_client_text_in_uploaded_files_is_escaped_on_the_workspace_page(serve, tmp_path) -> None:
    client = serve()
    client.post("/v1/workspaces", json={"name": "acme"})
    token = csrf_of(client.get("/w/acme?lang=en"))
    name = '"><img src=x onerror="window.__xss=1"><svg onload="window.__xss=1">.csv'
    bad = {"files": (name, b"not,a,backlog\n1,2,3\n", "text/csv")}
    page = client.post("/w/acme/files?lang=en", data={"csrf": token}, files=bad)
    assert "<img src=x" not in page.text and "<svg onload" not in page.text
    assert "&lt;img src=x onerror=" in page.text  # shown, as text
    assert str(tmp_path) not in page.text  # no server folder (the upload's temp folder)


# 2. No cross-site writes ---------------------------------------------------------------------


def test_cross_site_post_to_the_web_form_answers_403_and_creates_nothing(serve, tmp_path) -> None:
    client = serve()
    token = csrf_of(client.get("/"))  # even with a valid token (stolen or guessed)
    for headers in (
        {"Origin": "http://evil.example"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Origin": "null"},
        {"Origin": "http://127.0.0.1:1", "Sec-Fetch-Site": "same-site"},  # another local port
    ):
        answer = client.post("/w", data={"name": "pwned", "csrf": token}, headers=headers)
        assert answer.status_code == 403, headers
        assert answer.json()["error"] == "cross_site"
    assert workspaces(tmp_path / "home") == []


def test_cross_site_upload_to_the_api_answers_403_and_writes_nothing(serve) -> None:
    client = serve()
    client.post("/v1/workspaces", json={"name": "acme"})
    files = [("files", (n, (SEED / n).read_bytes())) for n in ("goals.yaml", "backlog.csv")]
    for headers in ({"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}):
        answer = client.post("/v1/workspaces/acme/files", files=files, headers=headers)
        assert answer.status_code == 403, headers
    assert client.get("/v1/workspaces/acme/items").json() == []
    same = client.post("/v1/workspaces/acme/files", files=files, headers={"Origin": str(client.base_url).rstrip("/")})  # fmt: skip
    assert same.status_code == 200  # the server's own origin may


def test_web_forms_need_this_sessions_csrf_token(serve, tmp_path) -> None:
    client = serve()
    other = httpx.Client(base_url=client.base_url)
    stolen = csrf_of(other.get("/"))  # a token of another browser session
    client.get("/")
    assert client.post("/w", data={"name": "a"}).status_code == 403
    assert client.post("/w", data={"name": "a", "csrf": stolen}).status_code == 403
    assert client.post("/w", data={"name": "a", "csrf": "x" * 43}).status_code == 403
    assert workspaces(tmp_path / "home") == []
    assert (
        client.post("/w", data={"name": "a", "csrf": csrf_of(client.get("/"))}).status_code == 303
    )


def test_json_routes_keep_refusing_non_json_bodies(serve, tmp_path) -> None:
    client = serve()
    for kind in ("text/plain", "application/x-www-form-urlencoded"):
        answer = client.post(
            "/v1/workspaces", content=b'{"name": "pwned"}', headers={"content-type": kind}
        )
        assert 400 <= answer.status_code < 500, kind
    assert workspaces(tmp_path / "home") == []


# 3. No DNS rebinding -------------------------------------------------------------------------


def test_only_the_host_names_served_are_answered(serve) -> None:
    client = serve()
    port = client.base_url.port
    for host in ("evil.example", f"rebind.attacker.test:{port}", "127.0.0.2", ""):
        answer = client.get("/v1/workspaces", headers={"Host": host})
        assert answer.status_code == 400, host
        assert answer.json()["error"] == "host" and "STEERCO_ALLOWED_HOSTS" in answer.json()["fix"]
    for host in (f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}", "LOCALHOST"):
        assert client.get("/v1/workspaces", headers={"Host": host}).status_code == 200, host


def test_allowed_hosts_setting_adds_names(serve, monkeypatch) -> None:
    monkeypatch.setenv("STEERCO_ALLOWED_HOSTS", "steerco.example.com, cto.example.org")
    client = serve()
    assert client.get("/healthz", headers={"Host": "steerco.example.com"}).status_code == 200
    assert client.get("/healthz", headers={"Host": "cto.example.org:8443"}).status_code == 200
    assert client.get("/healthz", headers={"Host": "example.com"}).status_code == 400


# 4. The web page works with API keys ---------------------------------------------------------


def test_browser_signs_in_with_a_key_and_sees_only_its_workspaces(serve, tmp_path) -> None:
    keys = tmp_path / "keys.yaml"
    acme = add_key(keys, "acme-bot", ["acme"])
    admin = add_key(keys, "admin", ["*"])
    client = serve(api_keys_file=keys)
    for name in ("acme", "other"):
        client.post("/v1/workspaces", json={"name": name}, headers={"Authorization": f"Bearer {admin}"})  # fmt: skip
    first = client.get("/?lang=en")
    assert first.status_code == 303 and first.headers["location"].startswith("/signin")
    page = client.get("/signin?lang=en")
    assert page.status_code == 200 and 'type="password"' in page.text
    wrong = client.post("/signin?lang=en", data={"key": "stc_wrong", "csrf": csrf_of(page)})
    assert wrong.status_code == 401 and "Unknown key" in wrong.text
    signed = client.post("/signin?lang=en", data={"key": acme, "csrf": csrf_of(page)})
    assert signed.status_code == 303
    cookie = signed.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and acme.lower() not in cookie
    home = client.get("/?lang=en")
    assert home.status_code == 200 and "/w/acme" in home.text
    assert "other" not in home.text and "acme-bot" in home.text
    for path in ("/w/other", "/w/nosuch", "/w/other/briefs/x1", "/w/other/roadmaps/roadmap-1"):
        answer = client.get(path)
        assert answer.status_code == 404, path
        assert str(tmp_path) not in answer.text
    assert "other" not in client.get("/w/nosuch").text
    said = {client.get(f"/w/{n}").text.replace(n, "N") for n in ("other", "nosuch")}
    assert len(said) == 1  # another client's workspace looks like no workspace at all
    token = csrf_of(home)
    assert client.post("/w", data={"name": "newco", "csrf": token}).status_code == 404
    assert client.get("/v1/workspaces/acme/items").status_code == 200  # downloads, the frame
    assert client.get("/v1/workspaces/other/items").status_code == 404
    assert client.post("/signout", data={"csrf": token}).status_code == 303
    assert client.get("/").status_code == 303  # signed out
    assert client.get("/v1/workspaces/acme/items").status_code == 401


def test_keyless_web_errors_never_show_other_workspaces_or_folders(serve, tmp_path) -> None:
    client = serve()
    client.post("/v1/workspaces", json={"name": "secretco"})
    token = csrf_of(client.get("/"))
    client.post("/w", data={"name": "acme", "csrf": token})
    for answer in (
        client.get("/w/nosuch"),
        client.post("/w", data={"name": "acme", "csrf": token}),  # exists already
    ):
        assert answer.status_code in (404, 422)
        assert str(tmp_path) not in answer.text
    assert "secretco" not in client.get("/w/nosuch").text


@pytest.mark.parametrize(
    "content",
    [None, "", "[]", "- name: x\n", "not: [a list", "- {name: a, sha256: zz, workspaces: [w]}\n"],
)
def test_a_mistyped_keys_file_is_a_startup_error(tmp_path, content, monkeypatch) -> None:
    import uvicorn as server

    from tests.conftest import run_cli

    keys = tmp_path / "keys.yaml"
    if content is not None:
        keys.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        create_app(Settings(home=tmp_path / "home", api_keys_file=keys))
    assert str(keys) in error.value.message and error.value.fix
    monkeypatch.setenv("STEERCO_API_KEYS_FILE", str(keys))
    monkeypatch.setenv("STEERCO_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(server, "run", lambda *a, **k: None)  # never listen in a test
    result = run_cli("serve")
    assert result.exit_code == 2 and str(keys) in result.output


def test_failed_authentication_is_rate_limited_per_address(serve, tmp_path) -> None:
    keys = tmp_path / "keys.yaml"
    secret = add_key(keys, "bot", ["*"])
    client = serve(api_keys_file=keys, auth_failures_per_minute=3)
    wrong = {"Authorization": "Bearer stc_guess"}
    assert [client.get("/v1/workspaces", headers=wrong).status_code for _ in range(3)] == [401] * 3
    blocked = client.get("/v1/workspaces", headers={"Authorization": f"Bearer {secret}"})
    assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) >= 1
    assert "too many failed" in blocked.json()["message"]
    page = client.get("/signin")
    signin = client.post("/signin", data={"key": secret, "csrf": csrf_of(page)})
    assert signin.status_code == 429 and "retry-after" in signin.headers
