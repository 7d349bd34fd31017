"""Errors on the web page in the page's language, never with the server's folders.

The service's messages are English paragraphs naming the file, the row and the fix (the CLI's
and the API's). On the page, each is said as what failed (the upload, the brief, the
roadmap, the review) in the page's language, then the problem: the frequent ones translated
whole, any other kept as the service wrote it, under "Détail" on a French page.
"""

from __future__ import annotations

import re

LEADS = {
    "fr": {
        "upload": "L'import n'a rien enregistré.",
        "brief": "Le brief n'a pas été rédigé.",
        "roadmap": "La feuille de route n'a pas été préparée.",
        "review": "La lecture n'a pas été confirmée.",
        "page": "Page introuvable.",
    },
    "en": {
        "upload": "The upload saved nothing.",
        "brief": "The brief was not written.",
        "roadmap": "The roadmap was not drafted.",
        "review": "The reading was not confirmed.",
        "page": "Page not found.",
    },
}

# (pattern over the service's English message, French text); groups are named
_FRENCH: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"^(?P<file>[^:]+): is not a file Steerco can ingest\b", re.S),
        "{file} : ce fichier n'est pas un fichier que Steerco sait importer. Il reconnaît le "
        "contexte (context.yaml : company, teams), les objectifs (goals.yaml), les exports de "
        "backlog (Jira CSV ou JSON, Linear CSV, GitHub issues JSON, CSV générique avec key et "
        "title) et les exports d'audit (SARIF, Trivy, OWASP Dependency-Check, pip-audit, npm "
        "audit, OSV-Scanner, Bandit, Semgrep, SonarQube, audit manuel CSV ou YAML). "
        "Correction : vérifiez que le fichier est l'un d'eux, exporté tel quel par son outil.",
    ),
    (
        re.compile(r"several uploaded files are named (?P<names>.+?)\.(?:\s|$)"),
        "Plusieurs fichiers s'appellent {names}. Correction : renommez-les, un client connaît "
        "chaque export par son nom de fichier.",
    ),
    (
        re.compile(r"an uploaded file's name (is \d+ bytes long|holds control characters)"),
        "Le nom d'un fichier importé est trop long ou contient des caractères de contrôle. "
        "Correction : renommez-le (lettres, chiffres, '-', '_' et '.').",
    ),
    (
        re.compile(r"^weeks: "),
        "Horizon : de 1 à 520 semaines. Correction : écrivez un nombre de semaines dans ces "
        "bornes (26 par défaut).",
    ),
    (
        re.compile(r"^method: "),
        "Méthode de priorisation inconnue. Correction : choisissez CD3, WSJF ou RICE.",
    ),
    (
        re.compile(r"^audience: "),
        "Public inconnu. Correction : choisissez un des publics de la liste.",
    ),
    (
        re.compile(r"^language: "),
        "Langue inconnue. Correction : choisissez une des langues de la liste.",
    ),
    (
        re.compile(r"the status is empty"),
        "Le point d'avancement est vide. Correction : collez le texte du point.",
    ),
    (
        re.compile(r"^status: String should have at most (?P<limit>[\d,]+)"),
        "Le point d'avancement est trop long (au plus {limit} caractères). Correction : "
        "raccourcissez-le, ou découpez-le en plusieurs points.",
    ),
    (
        re.compile(r"the status is (?P<size>[\d,]+) characters long; Steerco reads at most "),
        "Le point d'avancement fait {size} caractères, trop pour une lecture. Correction : "
        "raccourcissez-le.",
    ),
    (
        re.compile(r"this status looks \w+; Steerco reads"),
        "Ce point semble écrit dans une langue que Steerco ne lit pas. Correction : écrivez-le "
        "dans une des langues de la liste « Langue du brief ».",
    ),
    (
        re.compile(r"claim (?P<id>c\d+): a (?P<kind>\w+) claim needs an item and a delay"),
        "Ligne {id} : un retard (ou un risque) a besoin d'un élément et d'un nombre de "
        "semaines (ou des deux dates). Correction : choisissez l'élément et les semaines, ou "
        "un autre type (à confirmer, pas un retard).",
    ),
    (
        re.compile(r"claim (?P<id>c\d+): item '(?P<item>[^']*)' is not in the backlog"),
        "Ligne {id} : l'élément « {item} » n'est pas dans le backlog. Correction : choisissez "
        "un élément de la liste, ou aucun.",
    ),
    (
        re.compile(r"has no (finished brief|run) '(?P<run>[^']*)'"),
        "Ce brief n'a pas de lecture enregistrée (« {run} »). Correction : rédigez un nouveau "
        "brief avec « Vérifier la lecture d'abord ».",
    ),
    (
        re.compile(r"is not waiting for a review"),
        "Ce brief est déjà rédigé. Correction : ouvrez-le et choisissez « Corriger la lecture ».",
    ),
    (
        re.compile(r"is being written by pid \d+"),
        "Ce client est en cours d'écriture (un autre import). Correction : réessayez dans un "
        "instant.",
    ),
]

DETAIL = {"fr": "Détail : ", "en": ""}


def lead(lang: str, where: str) -> str:
    """What failed, in the page's language."""
    return LEADS[lang if lang in LEADS else "fr"].get(where, "")


def explain(lang: str, where: str, message: str) -> str:
    """`message` (already without the server's folders) said on a page of language `lang`."""
    lang = lang if lang in LEADS else "fr"
    lead = LEADS[lang].get(where, "")
    if lang == "fr":
        for pattern, french in _FRENCH:
            found = pattern.search(message)
            if found:
                return f"{lead} {french.format(**found.groupdict())}".strip()
    return f"{lead} {DETAIL[lang]}{message}".strip()
