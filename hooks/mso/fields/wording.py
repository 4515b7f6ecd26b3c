"""What the form says where the schema's help speaks YAML ("true", "[de, tr]"), and autofill hints.

The texts are German; `N_` marks them for the catalogs, and `Field` translates them with the build's language.
"""

from __future__ import annotations

from ..i18n import N_

FORM_TEXT: dict[tuple[str, ...], dict[str, str]] = {
    ("veroeffentlichen",): {
        "label": N_("Ja, unser Verein soll im Verzeichnis erscheinen."),
        "help": N_("Ohne dieses Häkchen zählen wir Ihren Verein nur in der Gesamtzahl mit und zeigen ihn sonst "
                   "nirgends. Sie können diese Zustimmung jederzeit widerrufen.")},
    ("stand",): {
        "help": N_("Wird automatisch auf das heutige Datum gesetzt. Damit bestätigen Sie, dass alle Angaben "
                   "stimmen.")},
    ("status",): {"help": N_("Ist der Verein zurzeit aktiv?")},
    ("beschreibung",): {
        "help": N_("Was macht Ihr Verein? Zwei bis fünf Sätze auf Deutsch. Sie können den Text zusätzlich in "
                   "weiteren Sprachen angeben. Erlaubt sind Absätze, Listen, *kursiv*, **fett** und Links.")},
    ("sprachen",): {"help": N_("Welche Sprachen werden im Verein und in den Angeboten gesprochen? Mindestens "
                               "eine.")},
    ("adresse", "plz"): {"help": N_("Fünf Ziffern. Beispiel: 12345")},
    ("netzwerk_mo",): {"label": N_("Ja, unser Verein arbeitet im Netzwerk Migrantenorganisationen mit."),
                       "help": N_("Das Netzwerk trifft sich beim Herausgeber dieses Verzeichnisses. Freiwillige "
                                  "Angabe.")},
    ("adresse",): {"help": N_("Wo sich der Verein trifft. Freiwillig; wenn Sie eine Adresse angeben, dann bitte "
                              "mit Straße, Postleitzahl und Ort.")},
    ("barrierefrei",): {"help": N_("Sind Ihre Räume barrierefrei, zum Beispiel für Menschen im Rollstuhl?")},
    ("ansprechpersonen",): {
        "help": N_("Personen, die namentlich genannt werden möchten. Fragen Sie jede Person vorher, ob sie "
                   "einverstanden ist.")},
    ("ansprechpersonen", "einwilligung"): {
        "label": N_("Diese Person ist einverstanden, dass ihr Name und diese Angaben veröffentlicht werden."),
        "help": N_("Als Datum der Einwilligung wird das heutige Datum eingetragen.")},
}

# Browser autofill hints: only for the association's address and contact, never guessed elsewhere.
AUTOCOMPLETE = {
    ("name",): "organization", ("adresse", "strasse"): "address-line1", ("adresse", "zusatz"): "address-line2",
    ("adresse", "plz"): "postal-code", ("adresse", "ort"): "address-level2",
}

TYPE_TEXT = {
    "text": N_("Text"), "textarea": N_("Text (mehrere Zeilen möglich)"), "email": N_("E-Mail-Adresse"),
    "url": N_("Internetadresse"), "tel": N_("Telefonnummer"), "date": N_("Datum (JJJJ-MM-TT)"),
    "today": N_("Datum (JJJJ-MM-TT)"), "consent-date": N_("Datum (JJJJ-MM-TT)"), "number": N_("ganze Zahl"),
    "boolean": N_("ja oder nein (true / false)"), "choice": N_("ein Wert aus der Liste"),
    "choices": N_("Liste von Werten aus der Liste"), "list": N_("Liste von Einträgen"),
    "group": N_("Gruppe von Feldern"), "repeat": N_("Liste von Einträgen mit Unterfeldern"),
    "translated": N_("Text, oder je Sprache ein Text (Sprachcode: Text)"),
    "bool-or-text": N_("ja oder nein, oder ein Text"), "any": N_("beliebig"),
}

CHECK_SPELLING = N_("Bitte prüfen Sie die Schreibweise.")  # a value that does not fit a pattern without x-hinweis
