"""Time the status reader on hostile 50 KB statuses (issue 9 point 6). Run:

PYTHONPATH=. .venv/bin/python bench/adversarial_statuses.py
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from assistant.facts.extract import RuleBasedExtractor
from assistant.inputs import load_inputs

SIZE = 50_000
HOSTILE = {
    "spaces after a delay phrase": "La migration glisse de 2 semaines" + " " * SIZE,
    "tabs": "MIG-100 a 2 sprints de retard\t" + "\t" * SIZE,
    "no-break spaces": "The migration is 3 weeks late" + "\u00a0" * SIZE,
    "a delay phrase repeated": ("+2 weeks " * (SIZE // 9)),
    "date pairs repeated": ("repoussée du 12 mars au 15 avril, " * (SIZE // 34)),
    "commas and colons": ("Migration : , ; : - " * (SIZE // 20)),
    "one long word": "x" * SIZE,
    "numbers and units": ("2 à 3 semaines de retard mais 4 " * (SIZE // 32)),
    "digits": "1" * SIZE,
    "parentheses": "(" * (SIZE // 2) + ")" * (SIZE // 2),
}


def main() -> None:
    root = Path(__file__).resolve().parent.parent / "tests" / "data" / "instant-payments"
    inputs = load_inputs(root / "context.yaml", root / "goals.yaml", [root / "backlog.csv"])
    reader = RuleBasedExtractor()
    reader.extract("warm up", inputs.backlog, today=dt.date(2026, 11, 20))
    for name, text in HOSTILE.items():
        start = time.perf_counter()
        reader.extract(text, inputs.backlog, today=dt.date(2026, 11, 20))
        print(f"{name:32} {len(text):>7} chars {time.perf_counter() - start:7.3f} s")


if __name__ == "__main__":
    main()
