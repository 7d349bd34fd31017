"""What Steerco knows besides the inputs: the tech glossary (FR/EN synonyms, plain words)."""

from assistant.facts.glossary import (
    Glossary,
    GlossaryEntry,
    default_glossary_path,
    find_terms,
    load_glossary,
)

__all__ = ["Glossary", "GlossaryEntry", "default_glossary_path", "find_terms", "load_glossary"]
