"""Scores backlog linking (lexical, vector, hybrid) on cases.v1.yaml and prints a Markdown table.

Usage: .venv/bin/python evals/linking/run.py [--details] [--embedding-model local]
"""

import sys

from assistant.knowledge.linking_eval import main

if __name__ == "__main__":
    sys.exit(main())
