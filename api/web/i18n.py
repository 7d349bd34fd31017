"""The web page's words, in French and English."""

from __future__ import annotations

WORDS = {
    "fr": {
        "title": "Steerco", "workspaces": "Clients", "new_workspace": "Nouveau client",
        "name": "Nom (minuscules, chiffres, - ou _)", "create": "Créer", "upload": "Importer des exports",
        "files": "Fichiers (contexte, objectifs, backlog, audit)", "send": "Importer",
        "status": "Point d'avancement technique", "status_hint": "Collez le point tel que vous l'écririez.",
        "language": "Langue du brief", "audience": "Public", "make_brief": "Rédiger le brief",
        "history": "Briefs précédents", "none_yet": "Aucun brief pour l'instant.",
        "copy_md": "Copier en Markdown", "copy_rich": "Copier pour un e-mail", "copied": "Copié.",
        "copy_failed": "Copie impossible : sélectionnez le texte.", "download": "Télécharger",
        "changes": "{added} nouveaux, {updated} modifiés, {removed} retirés, {unchanged} inchangés",
        "unchanged_file": "déjà importé, rien de changé", "summary": "Ce que l'import a lu",
        "back": "Retour", "ingested": "Import terminé", "no_workspace": "Aucun client. Créez-en un.",
        "key": "Clé d'API", "login": "Se connecter", "comex": "Comité de direction", "cfo": "Direction financière",
        "engineering": "Équipe technique", "total": "Total", "roadmap": "Feuille de route", "weeks": "Horizon (semaines)",
        "method": "Méthode de priorisation", "make_roadmap": "Préparer la feuille de route",
        "signout": "Se déconnecter", "signed_in_as": "Connecté :",
        "key_hint": "La clé donnée par l'administrateur du serveur (stc_...). Elle ouvre les clients auxquels elle a droit.",
        "bad_key": "Clé inconnue. Vérifiez-la, ou demandez-en une à l'administrateur du serveur.",
        "bad_name": "Ce nom de client n'est pas valide. Correction : 1 à 63 minuscules, chiffres, - ou _, en commençant par une lettre ou un chiffre (ex. acme ou client-42).",
        "exists": "Le client « {name} » existe déjà. Correction : ouvrez-le dans la liste, ou choisissez un autre nom.",
        "review_first": "Vérifier la lecture d'abord", "review_first_hint": "Steerco montre ce qu'il a lu avant de chiffrer ; vous corrigez, puis il rédige.",
        "review_title": "Vérifier la lecture", "review_hint": "Chaque ligne est une phrase du point telle que Steerco l'a lue. Corrigez le type, l'élément, les semaines ou les dates, puis confirmez : seuls les retards sont chiffrés.",
        "quote": "Ce que dit le point", "kind": "Type", "item": "Élément", "weeks_col": "Semaines", "dates": "Dates (prévue → nouvelle)",
        "candidates": "Éléments proposés", "all_items": "Tous les éléments", "no_item": "— aucun —",
        "confirm": "Confirmer et rédiger", "correct": "Corriger la lecture", "no_claim": "Le point ne contient rien sur des délais, des coûts ou des personnes.",
        "bad_weeks": "Ligne {id} : « {value} » n'est pas un nombre de semaines. Correction : écrivez un nombre de 0 à 520 (ex. 3 ou 1,5).",
        "bad_date": "Ligne {id} : « {value} » n'est pas une date. Correction : choisissez une date (AAAA-MM-JJ).",
        "read_by": "lu par", "planned": "prévue", "new_date": "nouvelle",
        "reader_rules": "les règles", "reader_model": "le modèle", "reader_memory": "la mémoire du client", "reader_cto": "le CTO",
        "stale_form": "Ce formulaire a expiré (la page a été ouverte avant un redémarrage du serveur ou dans une autre session). Correction : rechargez la page et envoyez-le à nouveau.",
        "no_workspace_named": "Aucun client « {name} ». Correction : choisissez-en un dans la liste des clients.",
        "no_brief": "Aucun brief « {id} » pour ce client. Correction : ouvrez-en un depuis la liste des briefs précédents.",
        "no_roadmap": "Aucune feuille de route « {id} » pour ce client. Correction : ouvrez-en une depuis la liste des feuilles de route précédentes.",
        "no_job": "Cet import n'est plus suivi. Correction : rechargez la page.",
        "job_started": "Import démarré…", "job_reading": "Lecture de {file}…", "job_writing": "Enregistrement de {file}…",
        "job_indexing": "Indexation…", "job_embedding": "Indexation : {done} sur {total}",
        "uploading": "Envoi des fichiers…", "upload_failed": "L'import n'a pas abouti. Correction : rechargez la page et réessayez.",
        "progress": "Avancement de l'import",
    },
    "en": {
        "title": "Steerco", "workspaces": "Clients", "new_workspace": "New client",
        "name": "Name (lowercase letters, digits, - or _)", "create": "Create", "upload": "Upload exports",
        "files": "Files (context, goals, backlog, audit)", "send": "Upload",
        "status": "Technical status", "status_hint": "Paste the status as you would write it.",
        "language": "Brief language", "audience": "Audience", "make_brief": "Write the brief",
        "history": "Past briefs", "none_yet": "No brief yet.",
        "copy_md": "Copy as Markdown", "copy_rich": "Copy for an e-mail", "copied": "Copied.",
        "copy_failed": "Could not copy: select the text instead.", "download": "Download",
        "changes": "{added} new, {updated} changed, {removed} removed, {unchanged} unchanged",
        "unchanged_file": "already imported, nothing changed", "summary": "What the upload read",
        "back": "Back", "ingested": "Upload done", "no_workspace": "No client yet. Create one.",
        "key": "API key", "login": "Sign in", "comex": "Executive committee", "cfo": "CFO",
        "engineering": "Engineering", "total": "Total", "roadmap": "Roadmap", "weeks": "Horizon (weeks)",
        "method": "Prioritisation method", "make_roadmap": "Draft the roadmap",
        "signout": "Sign out", "signed_in_as": "Signed in:",
        "key_hint": "The key the server's administrator gave you (stc_...). It opens the clients it is allowed.",
        "bad_key": "Unknown key. Check it, or ask the server's administrator for one.",
        "bad_name": "This client name is not valid. Fix: 1-63 lowercase letters, digits, - or _, starting with a letter or digit (e.g. acme or client-42).",
        "exists": "The client '{name}' already exists. Fix: open it from the list, or pick another name.",
        "review_first": "Review the reading first", "review_first_hint": "Steerco shows what it read before pricing; you correct it, then it drafts.",
        "review_title": "Review the reading", "review_hint": "Each row is a sentence of the status as Steerco read it. Correct the kind, the item, the weeks or the dates, then confirm: only slips are priced.",
        "quote": "What the status says", "kind": "Kind", "item": "Item", "weeks_col": "Weeks", "dates": "Dates (planned → new)",
        "candidates": "Suggested items", "all_items": "All items", "no_item": "— none —",
        "confirm": "Confirm and draft", "correct": "Correct the reading", "no_claim": "The status says nothing about time, money or people.",
        "bad_weeks": "Row {id}: '{value}' is not a number of weeks. Fix: write a number from 0 to 520 (e.g. 3 or 1.5).",
        "bad_date": "Row {id}: '{value}' is not a date. Fix: pick a date (YYYY-MM-DD).",
        "read_by": "read by", "planned": "planned", "new_date": "new",
        "reader_rules": "the rules", "reader_model": "the model", "reader_memory": "the client's memory", "reader_cto": "the CTO",
        "stale_form": "This form has expired (the page was opened before the server restarted, or in another session). Fix: reload the page and send it again.",
        "no_workspace_named": "No client '{name}'. Fix: pick one from the list of clients.",
        "no_brief": "No brief '{id}' for this client. Fix: open one from the list of past briefs.",
        "no_roadmap": "No roadmap '{id}' for this client. Fix: open one from the list of past roadmaps.",
        "no_job": "This upload is no longer followed. Fix: reload the page.",
        "job_started": "Upload started…", "job_reading": "Reading {file}…", "job_writing": "Saving {file}…",
        "job_indexing": "Indexing…", "job_embedding": "Indexing: {done} of {total}",
        "uploading": "Sending the files…", "upload_failed": "The upload did not finish. Fix: reload the page and try again.",
        "progress": "Upload progress",
    },
}  # fmt: skip


# Each language's own name, for the brief's language list (the registry gives English names).
NATIVE_NAMES = {"fr": "Français", "en": "English", "es": "Español", "de": "Deutsch"}


def language_choices() -> list[tuple[str, str]]:
    """The brief languages offered: those the language registry reads (assistant/lang) whose
    report strings and brief template are installed, each under its own name."""
    from assistant.lang import registry
    from assistant.prompts import find

    return [
        (code, NATIVE_NAMES.get(code) or registry.SPOKEN.get(code, code))
        for code in registry.READ
        if find(f"phrases.{code}.v1.yaml") and find(f"brief.{code}.v1.md.j2")
    ]


def words(lang: str) -> dict[str, str]:
    return WORDS["en" if lang == "en" else "fr"]
