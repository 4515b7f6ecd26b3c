"""The form's output, made in Python the way docs/assets/mitmachen/ makes it (yaml.js, send.js), and the
e-mails that mail programs send from it. tests/browser/test_uebernehmen.py checks the YAML against the
real form."""

from __future__ import annotations

import datetime
import json
import re
import textwrap
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import yaml

from conftest import ROOT

KONTAKT = "integrationszentrum@bielefeld.example"  # extra.verzeichnis.kontakt_email in mkdocs.yml
# what PyYAML refuses, reads as a line break or drops: never written raw (RAW_NOT_OK in yaml.js)
_CONTROL = re.compile("[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_SCHEMA = json.loads((ROOT / "schema" / "organisation.schema.json").read_text(encoding="utf-8"))
ORDER = list(_SCHEMA["properties"])
# what JavaScript's trim() removes
_JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
    "\u2028\u2029\u202f\u205f\u3000\ufeff"
FLOW = {"themen", "zielgruppen", "sprachen", "herkunft"}  # the form's "choices" fields, written [a, b]


def _plain(s: str) -> bool:
    return (s != "" and s.strip(_JS_SPACE) == s and not re.match(r"^[-?:,\[\]{}#&*!|>'\"%@`0-9+.~=<]", s)
            and not re.search(r": |:$| #|[\n\t]", s) and not _CONTROL.search(s)
            and not re.match(r"^(true|false|yes|no|on|off|y|n|null)$", s, re.IGNORECASE))


def _quoted(s: str) -> str:
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(s, ensure_ascii=False))


def _block(s: str, indent: int) -> str | None:
    text = s[:-1] if s.endswith("\n") else s
    if "\n" not in s or text.endswith("\n") or _CONTROL.search(s) or re.match(r"^\s", s) \
            or re.search(r"^[ \t]+$", text, re.MULTILINE) or re.search(r"^ *\t", text, re.MULTILINE):
        return None
    pad = " " * (indent + 2)
    return ("|-" if text == s else "|") + "\n" + "\n".join("" if line == "" else pad + line
                                                             for line in text.split("\n"))


def _scalar(value: Any, indent: int) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if _plain(value):
        return value
    return _block(value, indent) or _quoted(value)


def yaml_lines(data: dict[str, Any], indent: int = 0) -> list[str]:
    pad = " " * indent
    out = []
    for key, value in data.items():
        if isinstance(value, list) and key in FLOW:
            out.append(f"{pad}{key}: [" + ", ".join(v if _plain(v) else _quoted(v) for v in value) + "]")
        elif isinstance(value, list):
            out.append(f"{pad}{key}:")
            for item in value:
                if isinstance(item, dict):
                    inner = yaml_lines(item, indent + 4)
                    out.append(f"{pad}  - {inner[0].strip()}")
                    out += inner[1:]
                else:
                    out.append(f"{pad}  - {_scalar(item, indent + 2)}")
        elif isinstance(value, dict):
            out.append(f"{pad}{key}:")
            out += yaml_lines(value, indent + 2)
        else:
            out.append(f"{pad}{key}: {_scalar(value, indent)}")
    return out


def form_yaml(data: dict[str, Any], *, slug: str = "", day: datetime.date) -> str:
    """The profile file as the form writes it; with `slug` an edit of that profile ("Angaben ändern")."""
    head = ["# yaml-language-server: $schema=../schema/organisation.schema.json",
            f"# Änderung des Profils {slug}, erstellt mit dem Formular am {day.isoformat()}." if slug
            else f"# Neues Profil, erstellt mit dem Formular am {day.isoformat()}."]
    return "\n".join(head + yaml_lines(data)) + "\n"


def edited(profile: Path, day: datetime.date, **changes: Any) -> dict[str, Any]:
    """What the form sends for a published profile loaded with ?verein=: its public fields in schema order,
    `stand` and every person's consent set to the day, plus `changes` (None removes a field)."""
    data = yaml.safe_load(profile.read_text(encoding="utf-8"))
    data.pop("intern", None)
    data["stand"] = day
    data["veroeffentlichen"] = True
    if data.get("status") == "aktiv":
        del data["status"]
    if data.get("netzwerk_mo") is False:
        del data["netzwerk_mo"]
    for person in data.get("ansprechpersonen", []):
        person["einwilligung"] = day
    data.update(changes)
    return {k: data[k] for k in ORDER if data.get(k) is not None}


def mail_body(yaml_text: str, slug: str, changing: bool) -> str:
    """The body of the form's prepared e-mail (mailto), with its CRLF line ends."""
    body = "Guten Tag,\n\n" + (
        f"bitte ändern Sie unseren Eintrag ({slug}) im MSO-Verzeichnis so, wie unten beschrieben." if changing
        else "bitte nehmen Sie unseren Verein in das MSO-Verzeichnis auf.") + \
        f" Die Angaben stehen unten als Profil-Datei {slug}.yml.\n\nMit freundlichen Grüßen\n\n" + \
        f"--- Profil {slug}.yml ---\n" + yaml_text
    return body.replace("\n", "\r\n")


def message(subject: str, when: datetime.datetime, sender: str = "info@verein.example") -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = KONTAKT
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when)
    return msg


def form_mail(yaml_text: str, name: str, slug: str, changing: bool, when: datetime.datetime, *,
              cte: str = "quoted-printable") -> bytes:
    """The prepared e-mail as a mail program sends it: UTF-8, quoted-printable or base64."""
    msg = message(("Änderung im MSO-Verzeichnis: " if changing else "Neuer Eintrag im MSO-Verzeichnis: ") + name, when)
    msg.set_content(mail_body(yaml_text, slug, changing).replace("\r\n", "\n"), cte=cte)
    return bytes(msg)


def flowed(text: str, width: int = 72) -> str:
    """format=flowed (RFC 3676) as Thunderbird writes it: long lines broken after a space, which stays at the
    line end; lines that start with a space, '>' or 'From ' get one more space."""
    out = []
    for line in text.split("\n"):
        pieces = textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False,
                               drop_whitespace=False, replace_whitespace=False) if len(line) > width else [line]
        pieces = _keep_spaces_at_end(pieces) or [""]
        for piece in pieces:
            if piece.startswith((" ", ">", "From ")):
                piece = " " + piece
            out.append(piece)
    return "\n".join(out)


def _keep_spaces_at_end(pieces: list[str]) -> list[str]:
    """textwrap puts the space between two pieces at the start of the second; flowed wants it at the end."""
    fixed: list[str] = []
    for piece in pieces:
        if fixed and piece.startswith(" ") and not fixed[-1].endswith(" "):
            fixed[-1] += " "
            piece = piece[1:]
        fixed.append(piece)
    return fixed


def hard_wrapped(text: str, width: int = 76) -> str:
    """Long lines broken at a space, as mail programs without format=flowed do (continuation at the left)."""
    out = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        indent = " " * (len(line) - len(line.lstrip(" ")))
        out += textwrap.wrap(line.lstrip(" "), width, initial_indent=indent, break_long_words=False,
                             break_on_hyphens=False)
    return "\n".join(out)
