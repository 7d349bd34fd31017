"""A test language: Spanish, written the way assistant/lang/fr.py and en.py are. README
"Adding a language": this file (as assistant/lang/es.py) plus one registry line is all the
status reader needs; tests/test_reading_language.py registers it and reads Spanish statuses.
With its phrases and brief template (tests/data/lang/prompts/), registered with
`register(LEXICON, prompts=PROMPTS)`, briefs are written in Spanish too
(tests/test_writing_language.py)."""

from pathlib import Path

from assistant.lang.lexicon import Lexicon, trie_pattern, words

PROMPTS = Path(__file__).parent / "prompts"  # phrases.es.v1.yaml, brief.es.v1.md.j2

_UNITS = ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez"]
_EXTRA = {"un": 1, "una": 1, "medio": 0.5, "media": 0.5, "un par de": 2}

LEXICON = Lexicon(
    code="es",
    name="Spanish",
    markers=words(
        "el los las y es no nosotros una con para por del esta estan retraso semanas semana "
        "tambien pero muy lleva tiene"
    ),
    stop_words=words(
        "el la los las un una unos unas de del y o en con para por es son esta estan tiene "
        "tienen lleva llevan muy mas ya nuestro nuestra"
    ),
    modal=("podria\\w*", "quizas", "quiza", "probablemente", "riesgo de"),
    condition=("si",),
    recovery=("recuperad\\w*", "recuperamos"),
    negation=("no", "sin", "ningun\\w*"),
    unknown=("no sabemos", "sin fecha"),
    cause=("porque", "debido a", "a causa d"),
    opposition=("pero", "sin embargo"),
    conjunction=("y", "pero"),
    sequence=("luego",),
    subject_start=words("el la los las nuestro nuestra nosotros"),
    preposition=words("sobre en con para del de"),
    lead_words=(*words("y pero entonces"), "en total", "al final"),
    pronouns=("nosotros",),
    auxiliaries=("tenemos", "llevamos", "hemos"),
    trail_words=words("es esta estan ya tiene tienen lleva llevan ahora todavia"),
    trail_verbs=("retrasad\\w*", "previst\\w*"),
    trail_links=words("y pero o con"),
    epic_words=words("epica proyecto"),
    story_words=("tarea",),
    item_plurals=("tareas", "epicas"),
    filler=words("fecha plazo equipo semana mes retraso entrega"),
    months={
        "enero": 1,
        "febrero": 2,
        "marzo": 3,
        "abril": 4,
        "mayo": 5,
        "junio": 6,
        "julio": 7,
        "agosto": 8,
        "septiembre": 9,
        "octubre": 10,
        "noviembre": 11,
        "diciembre": 12,
    },
    number_words={w: float(n) for n, w in enumerate(_UNITS)} | _EXTRA,
    number_pattern=f"{trie_pattern(_EXTRA)}|{'|'.join(_UNITS[1:][::-1])}",
    units={
        "WORKING_DAYS": (r"dias?\s+(?:habiles|laborables)",),
        "CALENDAR_DAYS": ("dias?",),
        "SPRINTS": ("sprints?",),
        "WEEKS": ("semanas?",),
        "MONTHS": ("mes(?:es)?",),
    },
    late_after=("de retraso", "mas tarde", "tarde", "mas"),
    late_before=(r"(?:se\s+retrasa\w*|retrasad\w*|llevar?\w*|acumula\w*)\s+(?:de\s+)?",),
    ahead_after=("de adelanto",),
    ahead_before=(r"adelantad\w*\s+",),
    about=("unos", "unas", "casi"),
    # How its briefs write figures: "175.250 EUR", "2 semanas", "15 de marzo de 2027"
    thousands=".",
    decimal=",",
    week_nouns=("semana", "semanas"),
    month_names=words(
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
    ),
    month_abbreviations=words("ene feb mar abr may jun jul ago sept oct nov dic"),
    date_pattern="{day} de {month} de {year}",
    day_first=True,
    date_links=("de",),
    rate_links=("por", "cada", "al"),
    periods={"week": ("semana",), "day": ("dia",), "month": ("mes", "meses"), "year": ("ano",)},
    rate_hints={"week": ("semana",), "day": ("dia",)},
    function_words=words("el los las del es una con para por nosotros esta estan tiene"),
    # Reading: staffing and period words (the roadmap's capacity)
    people_nouns=("desarrollador\\w*", "ingenier\\w*", "personas"),
    leave_words=("dejan", "deja", "se van", "se va", "renuncia\\w*", "baja\\w*"),
    join_words=("se unen", "se une", "contrat\\w*", "llega\\w*"),
    absence_words=("baja\\w*",),
    until_words=("hasta",),
    for_words=("durante",),
    month_leads=words("en desde"),
    # how the grounding check reads figures back (narration/claims.py, grounding.py)
    figure_units={
        "weeks": ("semanas?",),
        "days": (r"dias?\s+(?:habiles|laborables)", "dias?"),
        "months": ("mes(?:es)?",),
        "sprints": ("sprints?",),
        "years": ("anos?",),
        "hours": ("horas?",),
    },
    magnitudes={"mil": 1e3, "millon": 1e6, "millones": 1e6},
    currency_words={"euro": "EUR", "euros": "EUR", "dolares": "USD"},
    magnitude_links=(r"de\s+",),
    percent_words=(r"por\s?ciento",),
    range_words=("a", "o", "y"),
    on_time=("en plazo", "sin retraso", "a tiempo"),
    on_time_undo=("no", "ya no", "nunca"),
)
