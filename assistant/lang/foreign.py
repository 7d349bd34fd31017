"""Languages Steerco recognises but does not read: marker words only, enough to say "this
status looks German" instead of reading it as French with nothing in it."""

from assistant.lang.lexicon import Lexicon, words


def _lexicon(code: str, name: str, markers: str) -> Lexicon:
    return Lexicon(code=code, name=name, markers=words(markers))


LEXICONS = {
    "de": _lexicon(
        "de",
        "German",
        "der die das und ist nicht wir ein eine mit fur auf den dem des sich wird werden "
        "haben hat sind noch verzogerung wochen woche verspatet auch bei nach uber",
    ),
    "nl": _lexicon(
        "nl",
        "Dutch",
        "het een van is niet wij we zijn met voor op ook maar nog wordt worden heeft hebben "
        "vertraging weken week dat deze bij naar",
    ),
    "es": _lexicon(
        "es",
        "Spanish",
        "el los las y es no nosotros una con para por del esta estan retraso semanas semana "
        "tambien pero muy",
    ),
    "it": _lexicon(
        "it",
        "Italian",
        "il gli e non noi una con per della sono ritardo settimane settimana anche ma che "
        "del nella",
    ),
}
