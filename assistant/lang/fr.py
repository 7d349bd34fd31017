"""French, as fractional CTOs write it in a status (folded: no accents, lower case)."""

from assistant.lang.lexicon import Lexicon, trie_pattern
from assistant.lang.lexicon import words as _words

_UNITS = [
    "zero",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
]
_TENS = {20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante"}
_EXTRA = {
    "une": 1,
    "une douzaine de": 12,
    "une dizaine de": 10,
    "une quinzaine de": 15,
    "une vingtaine de": 20,
    "un demi": 0.5,
    "une demi": 0.5,
    "demi": 0.5,
    "encore un": 1,  # "il faut encore un sprint": a quantity that is itself late
    "encore une": 1,
}


def _below_100(n: int) -> list[str]:
    if n < 17:
        return [_UNITS[n]]
    if n < 20:
        return [f"dix {_UNITS[n - 10]}"]
    tens, unit = divmod(n, 10)
    if n < 70:
        head = _TENS[tens * 10]
        if unit == 0:
            return [head]
        if unit == 1:
            return [f"{head} et un", f"{head} un"]
        return [f"{head} {_UNITS[unit]}"]
    if n < 80:
        rest = n - 60
        joiner = "et " if rest == 11 else ""
        return [f"soixante {joiner}{words}" for words in _below_100(rest)]
    if n == 80:
        return ["quatre vingts", "quatre vingt"]
    return [f"quatre vingt {words}" for words in _below_100(n - 80)]


def _number_pattern() -> str:
    sep = r"[\s-]+"
    units = "|".join(_UNITS[1:][::-1])
    teen = rf"dix{sep}(?:sept|huit|neuf)"
    tens = "|".join(_TENS.values())
    return (
        f"{trie_pattern(_EXTRA)}|quatre{sep}vingts?(?:{sep}(?:{teen}|{units}))?"
        rf"|(?:{tens})(?:{sep}(?:et{sep})?(?:{teen}|{units}))?|{teen}|{units}|zero"
    )


MONTHS = {
    "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4,
    "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9,
    "sept": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}  # fmt: skip
NUMBER_WORDS = {w: float(n) for n in range(100) for w in _below_100(n)} | _EXTRA


LEXICON = Lexicon(
    code="fr",
    name="French",
    stop_words=_words(
        """
    a ai au aux avec ce ces cet cette chez d dans de des du elle elles en est et etait eux il ils
    je l la le les leur leurs lui m ma mais me mes mon n ne ni nos notre nous on ont ou par pas
    plus pour qu que qui s sa se ses son sont sur t ta te tes toi ton tu un une vers vos votre
    vous y c ca cela ceci tout tous toute toutes tres aussi donc car etre avoir avons cote
    niveau concernant chez encore deja ete sera seront fait
    """
    ),
    markers=_words(
        "le la les des du de est sont sur pour avec dans une et pas nous ne retard semaine "
        "semaines jours mois avance prevue au aux cette ce qui que"
    ),
    modal=(
        "pourrai\\w*",
        "pourra",
        "pourront",
        "risqu\\w* de",
        "risqu\\w* d'",
        "peut-etre",
        "peut etre",
        "probablement",
        "eventuellement",
        "potentiellement",
        "il est possible que",
        "sans doute",
        "en risque",
        "a risque",
    ),
    condition=("si", "s'il", "s'ils", "sauf si", "a moins que"),
    hope=(
        "on pense",
        "nous pensons",
        "on espere",
        "nous esperons",
        "j'espere",
        "esper\\w*",
        "devrai\\w*",
        "devrions",
        "compt\\w* (?:en )?(?:recuperer|rattraper|regagner)",
        "viser\\w*",
        "d'ici",
        "essayer de",
        "tenter de",
    ),
    recovery=(
        "rattrap\\w*",
        "resorb\\w*",
        "recuper\\w*",
        "de nouveau dans les temps",
        "n'est plus d'actualite",
        "plus d'actualite",
    ),
    net=("au final", "finalement", "au total", "en net", "net", "soit", "donc", "bref"),
    correction=("en fait", "en realite", "correction", "rectificatif", "je corrige", "edit"),
    negation=("pas", "non", "ne", "n'", "aucun\\w*", "jamais", "sans"),
    contrast=("mais", "plutot", "bien"),
    unknown=(
        "on ne sait pas",
        "ne sait pas",
        "pas encore de chiffre",
        "pas de chiffre",
        "pas encore de date",
        "date inconnue",
        "date a confirmer",
        "a confirmer",
        "a preciser",
        "inconnu\\w*",
        "de combien",
    ),
    deferred=(
        "prochaine version",
        "prochaine release",
        "version suivante",
        "depriorise\\w*",
        "reporte\\w* a plus tard",
        "viendra apres",
        "viendront apres",
        "apres le lancement",
        "en attente de",
    ),
    addressee=("assistant\\w*", "ia", "l'ia", "intelligence artificielle", "robot", "modele"),
    meta=(
        "ignore\\w* (?:les |toutes les )?instructions",
        "oublie\\w* (?:les |tes )?instructions",
        "tu es maintenant",
        "tu es desormais",
        "mode test",
        "note pour l'",
        "note a l'",
    ),
    imperative=(
        "ecris",
        "ecrivez",
        "indique\\w*",
        "mentionne\\w*",
        "affiche\\w*",
        "mets",
        "marque\\w*",
        "considere\\w*",
        "ignore\\w*",
        "oublie\\w*",
        "dis",
        "annonce\\w*",
        "traite\\w*",
    ),
    summary_words=("resume", "synthese", "brief", "rapport"),
    budget=(
        "factur\\w*",
        "budget\\w*",
        "cout\\w*",
        "depense\\w*",
        "licence\\w*",
        "abonnement\\w*",
        "cloud",
    ),
    vendor=("fournisseur\\w*", "prestataire\\w*", "editeur\\w*", "tarif\\w*", "prix", "redevance"),
    increase=("hausse", "augment\\w*", "plus cher\\w*", "\\+\\s?\\d+\\s?%", "de plus par"),
    staffing=(
        "nous quitte\\w*",
        "quitte\\w*",
        "part a la fin",
        "s'en va",
        "quitte\\w* l'equipe",
        "demission\\w*",
        "depart\\w*",
        "partent",
        "part en",
        "recrut\\w*",
        "embauch\\w*",
        "rejoin\\w*",
        "arrive\\w* le",
        "personnes",
        "developpeu\\w* .{0,40}(?:partent|quittent|part)",
    ),
    incident=(
        "incident\\w*",
        "panne\\w*",
        "indisponib\\w*",
        "interruption\\w*",
        "coupure\\w*",
        "hors service",
        "post-mortem",
        "fuite de donnees",
    ),
    regulator=(
        "obligatoire\\w*",
        "reglementaire\\w*",
        "legal\\w*",
        "regulateur\\w*",
        "loi",
        "autorite\\w*",
        "administration fiscale",
        "fisc",
        "gouvernement",
        "ministere",
    ),
    risk_heading=("risques", "risque", "points de vigilance", "vigilance"),
    news_heading=("budget", "couts", "equipe", "incidents", "incident", "personnel", "rh"),
    greeting=("bonjour", "salut", "hello", "coucou"),
    signoff=("cordialement", "bien a vous", "bonne journee", "merci", "a bientot", "bises"),
    abbreviations=("cf\\.", "etc\\."),
    cause=("parce qu", "puisque", "a cause d", "en raison d", "suite a", "du fait d", "faute d"),
    cause_own=("car",),  # "car" is a vehicle in English: a connector in a French status only
    cause_lead=("car", "c'est (?:du|lie) a", "en cause", "cause", "raison"),
    cause_link=("de", "d'", "du", "des"),
    opposition=(*("mais", "cependant", "alors que", "tandis que", "par contre", "en revanche"),),
    conjunction=("et", "mais"),
    sequence=("puis",),
    subject_start=_words("le la les l' notre nos on nous il elle ils"),
    preposition=(
        *_words("sur pour avec dans concernant chez cote des de du d' les la le l'"),
        "au niveau d[eu]",
    ),
    lead_words=(
        *_words("et mais puis aussi donc soit bref net finalement correction"),
        *("au total", "en tout", "bonne nouvelle", "au final", "en fait"),
    ),
    pronouns=_words("on nous je ils"),
    # Not "avons", "accuse\\w*", "affiche\\w*": the reader's hand-written pattern had them
    # after "a", which always matched first ("nous avons" leaves "vons" in the subject), so
    # they never counted; listed here they would change what is read. To fix on purpose.
    auxiliaries=(*_words("a est sommes ont n'a n'est"), "prend\\w*", "cumul\\w*"),
    trail_words=_words(
        """
    est sont a ont sera seront etait etaient deja actuellement desormais maintenant encore
    aussi toujours en livre livree livrees livres termine terminee fini finie prend prennent
    pris accuse accusent affiche cumule avec environ tourne y demande demandent necessite
    necessitent faut aura auront serait seraient pret prete prets pretes ne pas avant doit
    doivent va vont
    """
    ),
    trail_verbs=(
        "(?:decal|repouss|gliss|deplac|avance|retard|prevu)\\w*",
        "(?:pass|report)(?:e|ee|es|ees|ent)",
        "initialement",
    ),
    trail_links=_words("et mais ou puis avec donc soit"),
    epic_words=_words("epique chantier projet programme initiative"),
    story_words=_words("ticket tache bug"),
    item_plurals=_words("tickets taches"),
    filler=_words(
        "echeance jalon planning calendrier perimetre travaux equipe lancement release phase lot "
        "partie statut point total sujet retard estime prevu attendu livrer leger petit dit ecrit "
        "dernier derniere semaine mois date dates"
    ),
    months=MONTHS,
    number_words=NUMBER_WORDS,
    number_pattern=_number_pattern(),
    units={
        "WORKING_DAYS": (r"(?:jours?|j\.?)[\s-]?ouvr(?:es|e|ables?)\b\.?", "jo"),
        "CALENDAR_DAYS": (
            r"jours?[\s-]calendaires?",
            "journees?",
            r"jours?(?![\s-]?(?:hommes?|h)\b)",
            r"(?<=\d)j(?!['/])",
        ),
        "SPRINTS": ("sprints?", "iterations?"),
        "WEEKS": ("semaines?",),
        "MONTHS": ("mois",),
        "POINTS": (r"points?\s+de\s+(?:complexite|story)",),
    },
    late_after=(
        r"(?:de\s+|d'|en\s+)?(?:retard|decalage|glissement|derapage)",
        "plus tard",
        "de plus",
        "supplementaires?",
        "en plus",
        "additionnel(?:le)?s?",
        "de rab",
    ),
    late_before=(
        r"(?:retard|decalage|glissement|derapage)(?:\s+de\s+|\s+d'|\s*:\s*)",
        r"(?:retard|decalage|glissement)\s+(?:estime|prevu|attendu)e?s?\s+(?:a|de)\s+",
        r"(?:gliss\w*|derap\w*|repouss\w*|decal\w*|report(?:e|ee|es|ees)|retard\w*|perd\w*"
        r"|augment\w*|gonfl\w*|rallong\w*|allong\w*|prolong\w*)\s+(?:de\s+|d')?",
    ),
    ahead_after=(r"(?:d'|de\s+|en\s+)?avance", "plus tot", "de moins"),
    ahead_before=(
        r"avance\w*\s+(?:de\s+|d')",
        r"(?:gagn\w*|economis\w*|reduit\w*|diminu\w*)\s+(?:de\s+|d')?",
    ),
    about=("environ", "pres de", "plus de", "encore", "au moins", "jusqu'a", "jusqu a"),
    thousands=" ",
    decimal=",",
    plural_from_two=True,
    week_nouns=("semaine", "semaines"),
    month_names=_words(
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
    ),
    month_abbreviations=_words("janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc."),
    first_day="1er",
    day_first=True,
    rate_links=("par", "chaque"),
    periods={
        "week": ("semaine", "sem"),
        "day": ("jour",),
        "month": ("mois",),
        "year": ("an", "annee"),
    },
    rate_hints={"week": ("semaine", "hebdo"), "day": ("jour",)},
    function_words=_words(
        "le la les des du est sont une avec dans pour sur pas nous ce cette qui que au aux et"
    ),
    # Reading (assistant/facts/reading.py, roadmap/world.py)
    people_nouns=(
        "developpeu\\w*",
        "ingenieu\\w*",
        "personnes",
        "consultants?",
        "testeu\\w*",
        "prestataires?",
        "freelances?",
        "designers?",
        "recrues?",
    ),
    leave_words=(
        "partent",
        "part",
        "partira\\w*",
        "quitt\\w*",
        "depart\\w*",
        "demission\\w*",
        "s'en va\\w*",
        "conge\\w*",
        "absent\\w*",
        "arret maladie",
        "parental",
        "maternit\\w*",
        "paternit\\w*",
    ),
    join_words=(
        "rejoin\\w*",
        "arriv\\w*",
        "recrut\\w*",
        "embauch\\w*",
        "renfort\\w*",
        "integre\\w*",
    ),
    absence_words=(
        "conge\\w*",
        "maternit\\w*",
        "paternit\\w*",
        "parental",
        "arret maladie",
        "demission\\w*",
    ),
    until_words=("jusqu'", "jusqu'a", "jusqu'au", "jusqu'en", "jusqu'a la", "jusqu'a fin"),
    for_words=("pendant", "durant", "pour"),
    month_leads=_words("en de d' des depuis a au jusqu'a debut fin mi"),
    word_months=("mars", "mai"),
    season_words=("t[1-4]", "paques", "noel"),
    time_words=(
        "retard\\w*",
        "gliss\\w*",
        "decal\\w*",
        "repouss\\w*",
        "report\\w*",
        "echeance",
        "date",
        "sprint\\w*",
        "semaines?",
        "jours?",
        "mois",
        "avance",
        "dans les temps",
        "eur",
        "euros?",
        "k€",
        "€",
        "%",
    ),
    recovered_words=("rattrap\\w*", "recuper\\w*"),
    hour_words=("heures?", "h"),
    figure_units={
        "weeks": ("semaines?", r"sem\."),
        "days": (r"(?:jours?|j)[\s-]ouvr(?:es|e|ables?)", "jours?", r"(?<=\d)j"),
        "months": ("mois",),
        "sprints": ("sprints?",),
        "points": ("points?", "pts?"),
        "years": ("ans", "annees?"),
        "hours": ("heures?", r"(?<=\d)h"),
    },
    magnitudes={"mille": 1e3, "md": 1e9, "mds": 1e9, "milliard": 1e9, "milliards": 1e9}
    | {"million": 1e6, "millions": 1e6},
    currency_words={"euro": "EUR", "euros": "EUR", "d'euro": "EUR", "d'euros": "EUR"}
    | {"dollars": "USD"},
    magnitude_links=("d'", r"de\s+"),
    percent_words=(r"pour\s?cents?",),
    range_words=("a", "ou", "et"),
    on_time=(
        "dans les (?:temps|delais)",
        "sans (?:aucun )?(?:retard|glissement)",
        "(?:pas|aucun) de (?:retard|glissement)",
        "aucun (?:retard|glissement)",
        "pas en retard",
        "ne glisse(?:ra)? pas",
        "(?:non|pas|n'est pas|ne sera pas) (?:affecte|impacte|touche)e?s?",
        "tient (?:sa date|ses delais|son echeance)",
    ),
    on_time_undo=("plus", "pas", "jamais"),
)
