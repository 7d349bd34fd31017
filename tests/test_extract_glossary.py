"""The glossary links French and English tech words and explains jargon in plain words."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.facts.language import terms
from assistant.knowledge import default_glossary_path, find_terms, load_glossary

GLOSSARY = load_glossary()


def test_the_default_glossary_is_the_repository_file():
    assert default_glossary_path() == Path(__file__).resolve().parent.parent / "knowledge" / (
        "glossary.yaml"
    )


def test_the_glossary_is_loaded_once_per_path():
    assert load_glossary() is GLOSSARY
    assert load_glossary(default_glossary_path()) is GLOSSARY


def test_every_entry_is_complete_in_both_languages():
    assert len(GLOSSARY.entries) >= 60
    for entry in GLOSSARY.entries:
        for code in ("fr", "en"):
            assert entry.names.get(code) and entry.explanations.get(code), (entry.id, code)


def test_no_term_names_two_entries():
    owner: dict[tuple[str, ...], str] = {}
    for entry in GLOSSARY.entries:
        for term in entry.terms():
            key = tuple(terms(term)) or (term.casefold(),)
            assert owner.setdefault(key, entry.id) == entry.id, (term, owner[key], entry.id)


@pytest.mark.parametrize(
    "term",
    [
        "migration", "réplication", "base de données", "API", "microservice", "dette technique",
        "CI/CD", "Kubernetes", "cloud", "refactoring", "sprint", "epic", "backlog", "CVE",
        "vulnérabilité", "SSO", "RGPD", "GDPR", "ISO 27001", "PCI DSS", "SEPA Instant", "charge",
        "production", "staging", "rollback", "monitoring", "latence", "throughput", "astreinte",
    ],
)  # fmt: skip
def test_common_cto_terms_are_explained(term):
    found = GLOSSARY.find_terms(f"Point : {term}.")
    assert len(found) == 1 and found[0].jargon, term


def test_synonyms_map_both_languages_to_one_entry():
    synonyms = GLOSSARY.synonyms()
    assert synonyms["paiement"] == synonyms["payment"] == "payment"
    assert synonyms["base de donnees"] == synonyms["database"] == "database"
    assert synonyms["app mobile"] == synonyms["mobile app"] == "mobile_app"
    assert synonyms["transporteur"] == synonyms["carrier"]
    assert synonyms["portail"] == synonyms["portal"]
    assert synonyms["securite"] == synonyms["security"]


def test_find_terms_reads_whole_words_whatever_the_case_or_accents():
    text = "Rollback en PROD : la REPLICATION de la base de donnees ne tient pas la charge."
    found = [entry.id for entry in GLOSSARY.find_terms(text, "fr")]
    assert found == ["rollback", "production", "replication", "database", "load"]
    assert GLOSSARY.find_terms("Un rapide rapport, sans apis.", "fr")[0].id == "api"
    assert GLOSSARY.find_terms("A rapid report.", "en") == []


def test_the_module_level_find_terms_uses_the_default_glossary():
    assert [entry.id for entry in find_terms("Rollback en prod", "fr")] == [
        "rollback",
        "production",
    ]


def test_find_terms_keeps_everyday_words_out_unless_asked():
    assert GLOSSARY.find_terms("Le paiement du transporteur", "fr") == []
    both = GLOSSARY.find_terms("Le paiement du transporteur", "fr", jargon_only=False)
    assert [entry.id for entry in both] == ["payment", "carrier"]


def test_find_terms_in_one_language_ignores_the_others_words():
    assert GLOSSARY.find_terms("astreinte", "en") == []
    assert [entry.id for entry in GLOSSARY.find_terms("astreinte", "fr")] == ["on_call"]
    assert GLOSSARY.get("on_call").plain("en").startswith("Engineers")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "glossary.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_custom_glossary_file_can_be_loaded(tmp_path):
    path = write(tmp_path, "- {id: api, fr: API, en: API, plain_fr: Porte, plain_en: Door}\n")
    glossary = load_glossary(path)
    assert [entry.id for entry in glossary.entries] == ["api"]
    assert glossary.entries[0].jargon


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("- {id: api, fr: API, en: API, plain_en: Door}\n", "entry 1, field plain_fr"),
        ("id: api\n", None),
        ("- [unclosed\n", None),
        (
            "- {id: a, fr: A, en: A, plain_fr: x, plain_en: x}\n"
            "- {id: a, fr: B, en: B, plain_fr: y, plain_en: y}\n",
            "entries",
        ),
    ],
)
def test_a_broken_glossary_names_the_file_and_the_fix(tmp_path, text, where):
    path = write(tmp_path, text)
    with pytest.raises(InputError) as raised:
        load_glossary(path)
    assert raised.value.file == str(path.resolve())
    assert raised.value.fix
    if where:
        assert raised.value.where == where


def test_a_missing_glossary_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read the glossary"):
        load_glossary(tmp_path / "nope.yaml")
