"""The eval suite: is a brief faithful, complete and readable?

Cases are versioned data (`evals/briefs/*.yaml`); each evaluator is a small pure function of
one case's outcome; the scorecard aggregates them and holds the thresholds CI gates on.
Run it with `steerco eval` (offline by default, `--model` to score a configured LLM).
"""
