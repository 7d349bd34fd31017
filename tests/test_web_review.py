"""Review on the web page: "Review the reading first" shows the reading as an editable table,
"Confirm and draft" resumes the same checkpointed run through the service (the API's review
path), and "Correct the reading" on a finished brief makes a new run kept in the history."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.settings import Settings
from tests.conftest import SEED

FILES = ("context.yaml", "goals.yaml", "backlog.csv")
STATUS = "Le chantier Atlas a 2 semaines de retard.\nOn a 3 sprints de retard sur la migration.\n"


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    client = TestClient(
        create_app(Settings(home=tmp_path / "home")),
        base_url="http://localhost",
        follow_redirects=False,
    )
    assert client.post("/v1/workspaces", json={"name": "acme"}).status_code == 201
    files = [("files", (n, (SEED / n).read_bytes())) for n in FILES]
    assert client.post("/v1/workspaces/acme/files", files=files).status_code == 200
    return client


def _csrf(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def _start(client: TestClient, lang: str = "en") -> tuple[str, str]:
    token = _csrf(client.get(f"/w/acme?lang={lang}").text)
    answer = client.post(
        f"/w/acme/brief?lang={lang}",
        data={"csrf": token, "status": STATUS, "review": "1", "audience": "comex"},
    )
    assert answer.status_code == 303, answer.text[-1500:]
    url = answer.headers["location"]
    assert "/review" in url
    return url, client.get(url).text


def _row(page: str, claim: str) -> str:
    return re.search(rf'<tr data-claim="{claim}">(.*?)</tr>', page, re.S).group(1)


def _selected(row: str, field: str) -> str | None:
    select = re.search(rf'<select id="{field}-c\d+"[^>]*>(.*?)</select>', row, re.S).group(1)
    found = re.search(r'<option value="([^"]*)" selected>', select)
    return found.group(1) if found else None


def test_the_reading_is_an_editable_table_with_each_quote_in_the_pages_language(client) -> None:
    _, page = _start(client, "fr")
    assert "Vérifier la lecture" in page and "Confirmer et rédiger" in page
    atlas, migration = _row(page, "c1"), _row(page, "c2")
    assert "Le chantier Atlas a 2 semaines de retard" in atlas
    assert _selected(atlas, "kind") == "to_confirm" and _selected(atlas, "item") == ""
    assert "À confirmer" in atlas and "Pas un retard" in atlas  # kinds named in French
    assert _selected(migration, "kind") == "slip" and _selected(migration, "item") == "MIG-100"
    assert 'name="weeks-c2" value="6"' in migration
    # the candidates come first, then every item of the backlog
    options = re.findall(r'<option value="([A-Z]+-\d+)"', migration)
    assert options[0] == "MIG-100" and {"SEC-300", "MIG-100"} <= set(options[1:])
    assert client.get("/v1/workspaces/acme/briefs").json() == []  # nothing priced yet


def test_confirm_and_draft_finishes_the_same_run_with_the_ctos_changes(client) -> None:
    url, page = _start(client)
    run_id = url.split("/briefs/")[1].split("/")[0]
    form = {"csrf": _csrf(page), "kind-c1": "slip", "item-c1": "SEC-300", "weeks-c1": "2",
            "kind-c2": "slip", "item-c2": "MIG-100", "weeks-c2": "4"}  # fmt: skip
    done = client.post(url, data=form)
    assert done.status_code == 303 and done.headers["location"].startswith(
        f"/w/acme/briefs/{run_id}?"
    )
    brief = client.get(f"/v1/workspaces/acme/briefs/{run_id}").json()
    assert sorted((i["item"], i["delay_weeks"]) for i in brief["impacts"]) == [
        ("MIG-100", 4),
        ("SEC-300", 2),
    ]
    assert {c["id"]: c["reader"] for c in brief["reading"]} == {"c1": "cto", "c2": "cto"}
    memory = client.get("/v1/workspaces/acme/memory").json()
    assert "SEC-300" in {m["item"] for m in memory} and {m["created_by"] for m in memory} == {"web"}
    page = client.get(done.headers["location"]).text
    assert "Correct the reading" in page
    assert client.get(url).status_code == 303  # finished: the review page sends to the brief


def test_correct_the_reading_makes_a_new_run_and_keeps_the_old_one(client) -> None:
    url, page = _start(client)
    first = url.split("/briefs/")[1].split("/")[0]
    client.post(url, data={"csrf": _csrf(page), "kind-c2": "slip", "weeks-c2": "4"})
    brief_page = client.get(f"/w/acme/briefs/{first}?lang=en").text
    answer = client.post(
        f"/w/acme/briefs/{first}/correct?lang=en", data={"csrf": _csrf(brief_page)}
    )
    assert answer.status_code == 303
    again = answer.headers["location"]
    second = again.split("/briefs/")[1].split("/")[0]
    assert second != first
    table = client.get(again).text
    assert 'name="weeks-c2" value="4"' in table  # prefilled with the corrected reading
    client.post(again, data={"csrf": _csrf(table), "kind-c2": "not_a_slip"})
    runs = [b["run_id"] for b in client.get("/v1/workspaces/acme/briefs").json()]
    assert runs == [first, second]
    (kept,) = client.get(f"/v1/workspaces/acme/briefs/{first}").json()["impacts"]
    assert kept["delay_weeks"] == 4
    assert client.get(f"/v1/workspaces/acme/briefs/{second}").json()["impacts"] == []


def test_a_wrong_value_in_the_table_is_said_in_the_pages_language(client) -> None:
    url, page = _start(client, "fr")
    answer = client.post(url, data={"csrf": _csrf(page), "weeks-c2": "beaucoup"})
    assert answer.status_code == 422
    said = html.unescape(answer.text)
    assert "La lecture n'a pas été confirmée. Ligne c2 : « beaucoup » n'est pas un nombre" in said
    no_item = client.post(url, data={"csrf": _csrf(page), "kind-c1": "slip", "weeks-c1": "2"})
    assert "Ligne c1 : un retard (ou un risque) a besoin d'un élément" in html.unescape(
        no_item.text
    )
    assert 'name="weeks-c2" value="beaucoup"' in answer.text  # the CTO's values are kept
    assert client.get("/v1/workspaces/acme/briefs").json() == []  # still waiting
    run_id = url.split("/briefs/")[1].split("/")[0]
    waiting = client.get(f"/w/acme/briefs/{run_id}?lang=fr")  # no brief yet: its table
    assert waiting.status_code == 303 and waiting.headers["location"].startswith(url.split("?")[0])
    forged = client.post(url, data={"csrf": "not-the-token", "weeks-c2": "1"})
    assert forged.status_code == 403
