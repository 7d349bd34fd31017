"""The eval suite: is a brief faithful, complete and readable, and is a status read right?

A top-level package of the source checkout, not shipped in the wheel (pyproject's hatch
config packages `assistant` and `api` only). Cases are versioned data (`evals/briefs/`,
`evals/reading/`, `evals/linking/`); each evaluator is a small pure function of one case's
outcome; the runner calls the service, offline or with the model under test; the scorecard
aggregates them and holds the thresholds CI gates on. Run it with `steerco eval` (offline by
default, `--model` or STEERCO_MODEL to score a model's narration, reading and linking).
"""

STEERCO_EVAL_SUITE = True  # what `steerco eval` checks: this `evals` is Steerco's own
