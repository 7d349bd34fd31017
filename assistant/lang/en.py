"""English, as fractional CTOs write it in a status (folded: lower case)."""

from assistant.lang.lexicon import Lexicon, trie_pattern
from assistant.lang.lexicon import words as _words

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy"}
_TENS |= {80: "eighty", 90: "ninety"}
_EXTRA = {
    "a": 1,
    "an": 1,
    "a couple of": 2,
    "a couple": 2,
    "a dozen": 12,
    "half a": 0.5,
    "half an": 0.5,
    "a half": 0.5,
    "one and a half": 1.5,
    "another": 1,  # "may need another sprint": a quantity that is itself late
    "one more": 1,
}


def _number_words() -> dict[str, float]:
    values: dict[str, float] = {word: float(n) for n, word in enumerate(_UNITS)}
    for tens, word in _TENS.items():
        values[word] = tens
        for unit in range(1, 10):
            values[f"{word} {_UNITS[unit]}"] = tens + unit
    return values | _EXTRA


def _number_pattern() -> str:
    sep = r"[\s-]+"
    units = "|".join(_UNITS[1:10])
    teens = "|".join(_UNITS[10:][::-1])
    tens = "|".join(_TENS.values())
    return f"{trie_pattern(_EXTRA)}|(?:{tens})(?:{sep}(?:{units}))?|{teens}|{units}|zero"


MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
NUMBER_WORDS = _number_words()


LEXICON = Lexicon(
    code="en",
    name="English",
    stop_words=_words(
        """
    a an and are as at be been being but by for from had has have he her his i in into is it
    its me my no not of on or our ours she so than that the their them then there these they
    this those to too us very was we were what when where which while who will with would you
    your also just about over regarding re currently now still
    """
    ),
    markers=_words(
        "the of is are for with in and not we our late behind weeks week days months ahead due "
        "this that to by has have was"
    ),
    modal=(
        "might",
        "could",
        "may (?=be |slip|need|take|cost|push|also|require|add|delay|run|well|not)",
        "possibly",
        "probably",
        "potentially",
        "at risk",
        "risk\\w* (?:of|to) (?:slip\\w*|delay\\w*|be)",
        "risks slipping",
        "risk of",
        "risky",
        "would",
        "perhaps",
        "maybe",
    ),
    condition=("if", "unless", "in case"),
    hope=(
        "hope\\w*",
        "expect\\w* to",
        "should",
        "plan\\w* to",
        "aim\\w* to",
        "try\\w* to",
        "we think we",
        "by the end of",
    ),
    recovery=(
        "no longer applies",
        "no longer relevant",
        "has been resolved",
        "caught up",
        "catch up",
        "recovered",
        "clawed back",
        "claw back",
        "made up",
        "won back",
        "got back",
        "back on track",
        "back on schedule",
    ),
    net=("so net", "net", "overall", "in total", "all in all", "in the end", "so"),
    correction=("actually", "in fact", "correction", "update", "edit", "to correct"),
    negation=("not", "no", "isn't", "aren't", "wasn't", "never", "without"),
    contrast=("but", "rather"),
    unknown=(
        "tbd",
        "tbc",
        "date unknown",
        "unknown",
        "no date yet",
        "not sure",
        "don't know",
        "size unknown",
        "how much",
        "no estimate",
        "no figure",
    ),
    deferred=(
        "next release",
        "next version",
        "later release",
        "deprioriti\\w*",
        "descoped",
        "will come after",
        "after the \\w* ?launch",
        "waiting for",
        "on hold",
        "parked",
    ),
    addressee=(
        "ai",
        "a\\.i\\.",
        "assistant",
        "the assistant",
        "llm",
        "the model",
        "chatgpt",
        "bot",
        "the tool",
        "steerco",
    ),
    meta=(
        "ignore (?:all |any )?(?:the )?(?:previous|prior|above|earlier) instructions",
        "disregard (?:all |the )?(?:previous|prior|above) instructions",
        "you are now",
        "test mode",
        "system prompt",
        "when you summari[sz]e",
        "note to (?:the )?(?:ai|assistant|model|llm|bot|tool)",
    ),
    imperative=(
        "write",
        "say",
        "state",
        "mention",
        "do not mention",
        "don't mention",
        "output",
        "mark",
        "treat",
        "report",
        "set",
        "show",
        "ignore",
        "pretend",
        "make",
    ),
    summary_words=("summary", "summarise", "summarize", "brief", "report"),
    budget=(
        "bill\\w*",
        "invoice\\w*",
        "budget\\w*",
        "cost\\w*",
        "spend\\w*",
        "licen[cs]e\\w*",
        "subscription\\w*",
        "cloud",
    ),
    vendor=("provider\\w*", "vendor\\w*", "supplier\\w*", "price\\w*", "pricing", "fee\\w*"),
    increase=(
        "higher",
        "increase\\w*",
        "raise\\w*",
        "rise\\w*",
        "went up",
        "more per",
        "\\+\\s?\\d+\\s?%",
    ),
    staffing=(
        "resign\\w*",
        "leav\\w* (?:the )?(?:team|company|us)",
        "is leaving",
        "are leaving",
        "quit\\w*",
        "handed in",
        "hired",
        "hiring",
        "recruit\\w*",
        "joins",
        "joining",
        "starts on",
        "new hire",
        "headcount",
        "people",
        "developers? (?:leave|leaves|leaving)",
    ),
    incident=(
        "incident\\w*",
        "outage\\w*",
        "unavailable",
        "downtime",
        "not generated",
        "went down",
        "was down",
        "post-mortem",
        "failover",
        "data loss",
        "breach",
        "p1",
        "p2",
    ),
    regulator=(
        "mandatory",
        "regulator\\w*",
        "regulatory",
        "statutory",
        "legal",
        "law",
        "authorit\\w*",
        "government\\w*",
        "ministry",
        "mandate",
    ),
    risk_heading=("risks", "risk", "watch list", "concerns"),
    news_heading=(
        "costs",
        "cost",
        "budget",
        "people",
        "team",
        "staffing",
        "incidents",
        "operations",
    ),
    greeting=("hi", "hello", "dear", "hey", "good morning"),
    signoff=("best", "kind regards", "regards", "cheers", "thanks", "thank you", "best regards"),
    abbreviations=("i\\.e\\.", "e\\.g\\.", "vs\\.", "etc\\.", "cf\\."),
    cause=("because", "due to", "owing to", "as a result of"),
    cause_lead=("(?:this|it) is (?:due to|because(?: of)?)", "cause", "reason", "root cause"),
    cause_link=("of",),
    opposition=("but", "however", "whereas"),
    conjunction=("and", "but"),
    sequence=("then", "while"),
    subject_start=_words("the our we they it its"),
    verb_after_link=("and \\w+ed", "but \\w+ed"),
    preposition=_words("on for of with in about regarding the"),
    lead_words=(
        *_words("and but then also so i\\.?e thus overall net actually update edit correction"),
        *("that is", "in total", "good news", "so net", "in the end"),
    ),
    pronouns=_words("we i they"),
    contractions=("'re", "'ve"),
    auxiliaries=_words("are have has now still"),
    trail_words=_words(
        """
    is are was were has have had will be been being now currently already still also again
    delivered shipped landed finished completed done took takes taken got gets getting with
    about running went goes need needs needed require requires required would ready not before
    could may might should
    """
    ),
    trail_verbs=_words(
        "moved pushed postponed delayed slipped rescheduled brought pulled due planned scheduled "
        "expected initially originally"
    ),
    trail_links=_words("and but or then with so"),
    epic_words=_words("epic project initiative program"),
    story_words=_words("story ticket task bug issue"),
    item_plurals=_words("epics stories tickets tasks"),
    filler=_words(
        "eta deadline date dates milestone planning schedule scope work team go live golive "
        "launch release phase part side status update point total overall topic stream delivery "
        "late delay delayed behind slip slipping edit net expected estimated expect land ship "
        "arrive deliver slight small minor said wrote told last week month"
    ),
    months=MONTHS,
    number_words=NUMBER_WORDS,
    number_pattern=_number_pattern(),
    units={
        "WORKING_DAYS": (r"(?:working|business|work|open)[\s-]days?",),
        "CALENDAR_DAYS": (r"calendar[\s-]days?", "days?", r"(?<=\d)d(?!['/])"),
        "SPRINTS": ("sprints?", "iterations?"),
        "WEEKS": ("weeks?", "wks?", r"(?<=\d)w"),
        "MONTHS": ("months?",),
        "POINTS": (r"(?:story[\s-])?points?", "pts?", "sp"),
    },
    late_after=(
        "late",
        "behind",
        "delayed",
        "overdue",
        r"of\s+(?:delay|slippage|slip)",
        "delay",
        "slip",
        "slippage",
        "later",
    ),
    late_before=(
        # "de", "d'" too: franglais ("late de 2 weeks", "delayed d'un sprint")
        r"(?:delay(?:ed|s)?|late|behind|slip(?:ped|s|ping)?|slipp\w*|pushed\s+(?:back|out)"
        r"|postponed|deferred|moved\s+(?:back|out)|set\s+back|held\s+up|lost|losing|extended"
        r"|grew|grown|increased|rose|went\s+up|expanded)\s+(?:by\s+|of\s+|de\s+|d')?",
        r"(?:another|an?\s+(?:extra|additional))\s+",
        r"(?:estimated\s+|expected\s+)?(?:delay|slip(?:page)?)\s+(?:estimated\s+at|of|is)\s+",
    ),
    ahead_after=("ahead", "early", "earlier", "sooner", r"in\s+advance", "fewer", "less"),
    ahead_before=(
        r"(?:ahead(?:\s+of\s+(?:schedule|plan))?|early|brought\s+forward|pulled\s+in|moved\s+up"
        r"|gained|saved|reduced|shrank|shrunk|decreased|cut)\s+(?:by\s+|of\s+)?",
    ),
    about=(
        "about",
        "around",
        "roughly",
        "nearly",
        "almost",
        "another",
        r"an\s+extra",
        r"an\s+additional",
        r"more\s+than",
        r"at\s+least",
        "over",
        r"up\s+to",
        r"as\s+much\s+as",
    ),
    currency_first=True,
    month_names=_words(
        "January February March April May June July August September October November December"
    ),
    month_abbreviations=_words("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec"),
    date_links=("of",),
    rate_links=("per", "a", "an", "each", "every"),
    periods={"week": ("week", "wk"), "day": ("day",), "month": ("month",), "year": ("year",)},
    rate_hints={"week": ("week",), "day": ("day", "daily")},
    function_words=_words(
        "the of is are with in for on not we this that which to and by has have was"
    ),
    # Reading (assistant/facts/reading.py, roadmap/world.py)
    people_nouns=(
        "developers?",
        "devs?",
        "engineers?",
        "people",
        "persons?",
        "consultants?",
        "testers?",
        "contractors?",
        "freelances?",
        "designers?",
        "data scientists?",
        "product managers?",
        "pms?",
        "qa",
        "ops",
        "sres?",
        "hires?",
    ),
    leave_words=("leav\\w*", "left", "resign\\w*", "quit\\w*", "parental", "sick"),
    join_words=("join\\w*", "hired", "hiring", "onboard\\w*", "new hire"),
    absence_words=("sick leave", "on leave", "resign\\w*", "parental"),
    until_words=("until", "till", "through", "to"),
    for_words=("for",),
    month_leads=(
        "in",
        "from",
        "by",
        "until",
        "till",
        "since",
        "through",
        "early",
        "mid",
        "mid-",
        "late",
        "end of",
        "start of",
        "beginning of",
    ),
    word_months=("may",),  # "Paul may leave in June": a month only after a lead or before a year
    season_words=("q[1-4]", "easter", "christmas"),
    time_words=(
        "late",
        "delay\\w*",
        "slip\\w*",
        "postpone\\w*",
        "moved",
        "pushed",
        "deadline",
        "date",
        "sprint\\w*",
        "weeks?",
        "days?",
        "months?",
        "ahead",
        "early",
        "on track",
        "eur",
        "euros?",
        "k€",
        "€",
        "%",
    ),
    recovered_words=tuple(f"{verb}(?: back)?" for verb in _words("clawed won got claw win")),
    hour_words=("hours?", "h"),
    figure_units={
        "weeks": ("weeks?", "wks?"),
        "days": (r"(?:working|business|calendar)[\s-]days?", "days?", r"(?<=\d)d"),
        "months": ("months?",),
        "sprints": ("sprints?",),
        "points": (r"(?:story[\s-])?points?", "pts?"),
        "years": ("years?",),
        "hours": ("hours?", r"(?<=\d)h"),
    },
    magnitudes={"thousand": 1e3, "million": 1e6, "millions": 1e6, "bn": 1e9, "billion": 1e9},
    currency_words={"euro": "EUR", "euros": "EUR", "dollars": "USD"},
    percent_words=("percent", r"per\s?cent"),
    range_words=("to", "or", "and"),
    on_time=(
        "on (?:track|time|schedule)",
        "no (?:delay|slip)",
        "not (?:delayed|affected|impacted)",
        "without (?:any )?delay",
        "unaffected",
        "(?:will not|won't|does not|doesn't|did not|didn't) slip",
        "holds? (?:its|the) date",
    ),
    on_time_undo=("not", "no longer", "never"),
)
