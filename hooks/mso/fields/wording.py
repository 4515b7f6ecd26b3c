"""What the form says where the schema's help speaks YAML ("true", "[de, tr]"), and autofill hints."""

from __future__ import annotations

FORM_TEXT: dict[tuple[str, ...], dict[str, str]] = {
    ("veroeffentlichen",): {
        "label": "Ja, unser Verein soll im Verzeichnis erscheinen.",
        "help": "Ohne dieses Häkchen zählen wir Ihren Verein nur in der Gesamtzahl mit und zeigen ihn sonst "
                "nirgends. Sie können diese Zustimmung jederzeit widerrufen."},
    ("stand",): {
        "help": "Wird automatisch auf das heutige Datum gesetzt. Damit bestätigen Sie, dass alle Angaben stimmen."},
    ("status",): {"help": "Ist der Verein zurzeit aktiv?"},
    ("beschreibung",): {
        "help": "Was macht Ihr Verein? Zwei bis fünf Sätze auf Deutsch. Sie können den Text zusätzlich in "
                "weiteren Sprachen angeben. Erlaubt sind Absätze, Listen, *kursiv*, **fett** und Links."},
    ("sprachen",): {"help": "Welche Sprachen werden im Verein und in den Angeboten gesprochen? Mindestens eine."},
    ("adresse", "plz"): {"help": "Fünf Ziffern. Beispiel: 12345"},
    ("netzwerk_mo",): {"label": "Ja, unser Verein arbeitet im Netzwerk Migrantenorganisationen mit.",
                       "help": "Das Netzwerk trifft sich beim Herausgeber dieses Verzeichnisses. Freiwillige Angabe."},
    ("adresse",): {"help": "Wo sich der Verein trifft. Freiwillig; wenn Sie eine Adresse angeben, dann bitte mit "
                           "Straße, Postleitzahl und Ort."},
    ("barrierefrei",): {"help": "Sind Ihre Räume barrierefrei, zum Beispiel für Menschen im Rollstuhl?"},
    ("ansprechpersonen",): {
        "help": "Personen, die namentlich genannt werden möchten. Fragen Sie jede Person vorher, ob sie "
                "einverstanden ist."},
    ("ansprechpersonen", "einwilligung"): {
        "label": "Diese Person ist einverstanden, dass ihr Name und diese Angaben veröffentlicht werden.",
        "help": "Als Datum der Einwilligung wird das heutige Datum eingetragen."},
}

# Browser autofill hints: only for the association's address and contact, never guessed elsewhere.
AUTOCOMPLETE = {
    ("name",): "organization", ("adresse", "strasse"): "address-line1", ("adresse", "zusatz"): "address-line2",
    ("adresse", "plz"): "postal-code", ("adresse", "ort"): "address-level2",
}

TYPE_TEXT = {
    "text": "Text", "textarea": "Text (mehrere Zeilen möglich)", "email": "E-Mail-Adresse", "url": "Internetadresse",
    "tel": "Telefonnummer", "date": "Datum (JJJJ-MM-TT)", "today": "Datum (JJJJ-MM-TT)",
    "consent-date": "Datum (JJJJ-MM-TT)", "number": "ganze Zahl", "boolean": "ja oder nein (true / false)",
    "choice": "ein Wert aus der Liste", "choices": "Liste von Werten aus der Liste", "list": "Liste von Einträgen",
    "group": "Gruppe von Feldern", "repeat": "Liste von Einträgen mit Unterfeldern",
    "translated": "Text, oder je Sprache ein Text (Sprachcode: Text)", "bool-or-text": "ja oder nein, oder ein Text",
    "any": "beliebig",
}
