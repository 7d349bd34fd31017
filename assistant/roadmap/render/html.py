"""The roadmap as one self-contained HTML page: inline SVG charts, no script, no network.

Every number is a span showing its formula and sources on hover or keyboard focus.
"""

from __future__ import annotations

import re
from html import escape, unescape

from markdown_it import MarkdownIt
from markupsafe import Markup

from assistant.narration.formatting import format_value
from assistant.prompts import render
from assistant.roadmap.models import RoadmapPlan
from assistant.roadmap.render import charts
from assistant.roadmap.render.figures import FigureBook
from assistant.roadmap.render.markdown import roadmap_markdown

CAPTIONS = {
    "fr": ("Calendrier : couloirs par équipe, jalons et échéances", "Coût du retard"),
    "en": ("Timeline: lanes per team, milestones and deadlines", "Cost of delay"),
}


def roadmap_html(
    plan: RoadmapPlan, book: FigureBook, *, audience: str, summary: str | None = None
) -> str:
    marked = roadmap_markdown(plan, book, audience=audience, markers=True, summary=summary)
    title = marked.splitlines()[0].lstrip("# ").strip()
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(marked)
    timeline_caption, cod_caption = CAPTIONS[book.language]
    timeline = _figure(charts.inline_svg(charts.timeline(plan, book), "timeline"), timeline_caption)
    cost = _figure(charts.inline_svg(charts.cost_of_delay(plan, book), "cod"), cod_caption)
    body = _MARKER.sub(lambda m: _span(book, unescape(m.group(1))), body)
    return render(
        "roadmap.v1.html.j2",
        autoescape=True,
        language=book.language,
        title=title,
        body=Markup(_insert(_insert(body, 6, cost), 2, timeline)),  # built escaped, above
    )


_MARKER = re.compile(r"⟦fig:([^⟧]+)⟧")
_FR = (
    ("as read in the status", "tel que lu dans le point d'avancement"),
    (
        "of the recommended order with the staffing changes - without them",
        "de l'ordre recommandé avec les changements d'effectifs − sans eux",
    ),
    (
        "with the delay - without, same order and capacity",
        "avec le retard − sans, même ordre et même capacité",
    ),
    (
        "team people × day rate × days/week × weeks",
        "personnes de l'équipe × taux journalier × jours/semaine × semaines",
    ),
    ("plan with ", "plan avec "),
    (" more weeks on ", " semaines de plus sur "),
    (" people × weeks from ", " personnes × semaines du "),
    (" to the horizon's end", " à la fin de l'horizon"),
    (" to 20", " au 20"),  # "... from 2027-03-01 to 2027-06-30"
    ("person-weeks past the goals' targets", "personnes-semaines au-delà des cibles"),
    (" person-weeks", " personnes-semaines"),
    ("Σ CoD/week × finish week", "Σ coût du retard par semaine × semaine de fin"),
    ("finish of the last package serving the goal", "fin du dernier lot qui sert l'objectif"),
    (" days of the announced plan", " jours du plan annoncé"),
    ("share of goals", "part des objectifs"),
    ("pro rata of duration", "au prorata de la durée"),
    ("risk expected loss per week", "perte attendue du risque par semaine"),
    ("serves no goal", "ne sert aucun objectif"),
    ("contractor days × day rate, else 0", "jours de prestataire × taux journalier, sinon 0"),
    ("both rounded to a unit", "arrondis à l'unité"),
    ("spend", "dépense"),
    ("total cost of delay", "coût total du retard"),
    ("person-days", "jours-personne"),
    ("days/week", "jours/semaine"),
    ("/week", "/semaine"),
    (" weeks", " semaines"),
    (" week", " semaine"),
    (" people", " personnes"),
    ("start +", "début +"),
    ("(estimate)", "(estimation)"),
    ("(default)", "(par défaut)"),
    ("value", "valeur"),
    ("time criticality", "urgence"),
    ("risk reduction", "réduction de risque"),
    ("reach", "portée"),
    ("confidence", "confiance"),
)
_FIELDS = {
    "start": ("premier jour du plan", "first day of the plan"),
    "horizon_weeks": ("horizon du plan", "the plan's horizon"),
    "deadline": ("échéance de l'objectif (goals.yaml)", "the goal's deadline (goals.yaml)"),
    "p50": ("prévision Monte Carlo du débit", "Monte Carlo forecast of throughput"),
    "late_weeks": ("date prévue − échéance", "planned date − deadline"),
    "goal_dates": ("fin du dernier lot de l'objectif dans cette option",
                   "finish of the goal's last package in this option"),
    "sensitivity": ("coût total du retard, une hypothèse variée de ±30 %",
                    "total cost of delay, one assumption varied by ±30%"),
    "cost": ("effort × taux journalier de l'équipe", "effort × the team's day rate"),
}  # fmt: skip
_FIELD = re.compile(r"^RoadmapPlan\.(\w+)(?:\[[^\]]*\])?(?:\.(\w+))?")


def tooltip(formula: str, language: str) -> str:
    """A figure's formula in the page's language (the engine writes it in English)."""
    if match := _FIELD.match(formula):
        name = match.group(2) or match.group(1)
        name = "p50" if name in ("p85", "p95", "planned") else name
        words = _FIELDS.get(name, ("donnée calculée du plan", "computed by the plan"))
        return words[0] if language == "fr" else words[1]
    if language != "fr":
        return formula
    for english, french in _FR:
        formula = formula.replace(english, french)
    return formula


def _span(book: FigureBook, figure_id: str) -> str:
    """A figure: its value, with its formula (in the page's language) on hover and focus."""
    figure = book.figures[figure_id]
    tip = tooltip(figure.formula, book.language)
    text = escape(format_value(figure.value, figure.unit, book.language))
    return (
        f'<span class="fig" tabindex="0" data-figure="{escape(figure.id)}" '
        f'title="{escape(tip)}">{text}<span class="tip" role="tooltip">{escape(tip)}</span></span>'
    )


def _figure(svg: str, caption: str) -> str:
    return f"<figure>\n{svg}\n<figcaption>{escape(caption)}</figcaption>\n</figure>\n"


def _insert(body: str, section: int, html: str) -> str:
    """`html` just before the `section`-th heading of level 2 (at the end if there is none)."""
    at = -1
    for _ in range(section):
        at = body.find("<h2>", at + 1)
        if at < 0:
            return body + html
    return body[:at] + html + body[at:]
