"""What a run spends on the LLM, and the budget that stops it before it spends too much.

Budget rule: a call is refused (`BudgetExceeded`) when the tokens already used plus the
prompt's estimate would pass `budget_tokens`, or the dollars spent plus the prompt's estimated
price would pass `budget_usd`. Unpriced models (a local server) count as free, so
`budget_usd=0` still allows them and refuses every priced one. A call already answered is
always accounted, even if it ends over budget: the next one is refused.
"""

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from assistant.llm.errors import NO_MODEL_FIX, BudgetExceeded
from assistant.settings import Settings

# Price of (model, prompt tokens, completion tokens) in USD; None when the model is unpriced.
PriceFn = Callable[[str, int, int], float | None]


class LLMUsage(BaseModel):
    """Calls, tokens and dollars (litellm's price map); `cost_known` False once a model was unpriced."""

    calls: int = 0
    failed_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    cost_known: bool = True
    models: list[str] = []

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


class Completion(BaseModel):
    """One answer: its text, the validated object when a schema was asked, and its cost."""

    text: str
    parsed: Any = None
    model: str
    usage: LLMUsage
    attempts: int = 1


class Meter:
    """The run's running total, checked before and updated after every call."""

    def __init__(self, settings: Settings, price: PriceFn) -> None:
        self.settings = settings
        self.price = price
        self.usage = LLMUsage()

    def check(self, model: str, payload: list[Any]) -> None:
        text = " ".join(m.get("content") or "" if isinstance(m, dict) else str(m) for m in payload)
        estimate = len(text) // 4 + 8 * len(payload)
        used, limit = self.usage.total_tokens, self.settings.budget_tokens
        if used + estimate > limit:
            raise BudgetExceeded(
                f"This run has used {used} LLM tokens; the next call needs about {estimate} "
                f"more, over the budget of {limit}.",
                fix=f"raise STEERCO_BUDGET_TOKENS, or {NO_MODEL_FIX}",
            )
        spent, cap = self.usage.cost_usd, self.settings.budget_usd
        if spent + (self.price(model, estimate, 0) or 0.0) > cap:
            raise BudgetExceeded(
                f"This run has spent ${spent:.4f} on the LLM; the next call to {model} would "
                f"pass the budget of ${cap:.2f}.",
                fix=f"raise STEERCO_BUDGET_USD, or {NO_MODEL_FIX}",
            )

    def record(self, model: str, reply: Any) -> LLMUsage:
        """Add one answered call to the total; returns that call's own usage."""
        counts = getattr(reply, "usage", None)
        prompt = int(getattr(counts, "prompt_tokens", 0) or 0)
        completion = int(getattr(counts, "completion_tokens", 0) or 0)
        cost = self.price(model, prompt, completion)
        total = self.usage
        total.calls += 1
        total.prompt_tokens += prompt
        total.completion_tokens += completion
        total.cost_usd += cost or 0.0
        total.cost_known = total.cost_known and cost is not None
        if model not in total.models:
            total.models.append(model)
        return LLMUsage(
            calls=1,
            prompt_tokens=prompt,
            completion_tokens=completion,
            cost_usd=cost or 0.0,
            cost_known=cost is not None,
            models=[model],
        )
