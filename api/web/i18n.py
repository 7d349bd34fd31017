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
    },
}  # fmt: skip


def words(lang: str) -> dict[str, str]:
    return WORDS["en" if lang == "en" else "fr"]
