"""Folding (lower case, no accents) keeps one character per character, for every code point:
the reader quotes a status verbatim at the offsets it found in the folded text."""

from __future__ import annotations

import unicodedata

from assistant.facts.language import fold

EVERY_CHARACTER = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


def test_folding_keeps_the_length_of_any_text():
    assert len(fold(EVERY_CHARACTER)) == len(EVERY_CHARACTER)
    assert len(fold("İstanbul ǅemal ﬁn ß")) == len("İstanbul ǅemal ﬁn ß")


def test_each_character_folds_to_its_unaccented_lower_case_base():
    for char in EVERY_CHARACTER[::97]:  # a spread of every script
        base = unicodedata.normalize("NFD", char)[0].lower()
        assert fold(char) == (base[0] if base else char)


def test_accents_case_and_typographic_marks_fold_the_way_words_are_compared():
    assert fold("Élément ÉTÉ « Façade » — l’API") == "element ete « facade » - l'api"
    assert fold("\u00a0\u202f\u2212") == "  -"
    assert fold("Éé") == fold("ÉÉ") == "ee"  # the second time from the kept table
