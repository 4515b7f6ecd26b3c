"""What arrived from an association → the profile text, or a "Noch aktuell?" confirmation.

Three ways in: the form's `.yml` file; a saved e-mail (`.eml`) with the profile in its body after the
form's `--- Profil <kurzadresse>.yml ---` line or attached as a file; text pasted on standard input.
MIME is read by the standard library's `email` package. What mail programs do to the text itself
(format=flowed, hard-wrapped long lines, quoting, signatures) is undone here.
"""

from __future__ import annotations

import datetime
import email
import email.policy
import re
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

from ..characters import visible
from ..slugs import is_valid

YAML_SUFFIXES = (".yml", ".yaml")
YAML_TYPES = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"}
# The line the form puts before the profile in its e-mail (docs/assets/mitmachen/send.js, `MARKER`).
MARKER = re.compile(r"^(?P<quote>(?:> ?)*)-{3}\s*Profil\s+(?P<name>\S+?)\s*-{3}\s*$", re.MULTILINE)
# Where a profile starts when the marker is missing: the form's first lines, or the first field.
START = re.compile(r"^(?P<quote>(?:> ?)*)(?:# yaml-language-server:|# Neues Profil|# Änderung des Profils|name:)",
                   re.MULTILINE)
# The subject of the "Noch aktuell?" link (hooks/mso/templates/profile.html), after "Re:" or "AW:".
CONFIRM_SUBJECT = re.compile(r"^(?:(?:re|aw|wg|fwd?|antw)\s*:\s*)*noch aktuell\b", re.IGNORECASE)
CONFIRM_SLUG = re.compile(r"^[> ]*Kurzadresse:[ \t]*(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)[ \t]*$", re.MULTILINE)
SUBJECT_SLUG = re.compile(r"\((?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\)\s*$")
# Paragraphs of the confirmation mail as the page writes it; anything else the association wrote is shown.
CONFIRM_TEMPLATE = ("guten tag", "wir bestätigen, dass die angaben", "kurzadresse:", "seite:",
                    "mit freundlichen grüßen")
WRAP_WIDTH = 60  # a line this long or longer, broken before a word, was wrapped by the mail program
MAX_INPUT = 20 * 1024 * 1024


class IntakeError(Exception):
    """A German message: why the input cannot be read and what to ask for instead."""


@dataclass
class Submission:
    """One profile or one confirmation found in what arrived."""

    source: str  # for people: "meldung.eml, Anhang kulturverein.yml"
    profile: bytes | None = None  # the profile as the form wrote it (UTF-8)
    name_hint: str = ""  # the file name the form gave, without `.yml` ("" if unknown)
    confirm_slug: str = ""  # a "Noch aktuell?" confirmation for this Kurzadresse
    date: datetime.date | None = None  # the e-mail's date
    extra_text: str = ""  # what a confirmation says beyond the prepared text
    notes: list[str] = field(default_factory=list)  # what was repaired on the way


def read_source(name: str, raw: bytes, keys: frozenset[str]) -> list[Submission]:
    """Everything found in one input. `keys` are the profile's top-level field names."""
    if len(raw) > MAX_INPUT:
        raise IntakeError(f"{name} ist zu groß ({len(raw) // 1024 // 1024} MB) für eine Meldung.")
    suffix = Path(name).suffix.lower()
    if suffix in YAML_SUFFIXES:
        return [Submission(source=name, profile=raw, name_hint=_slug_of_file(Path(name).name))]
    if suffix == ".msg":
        raise IntakeError(f"{name} ist im Outlook-Format (.msg), das mso nicht lesen kann. Speichern Sie den "
                          "Anhang (die .yml-Datei) und übernehmen Sie diesen, oder kopieren Sie den Text der E-Mail "
                          "und übernehmen Sie ihn mit `mso uebernehmen -`.")
    if suffix == ".eml" or _looks_like_mail(raw):
        return from_mail(name, email.message_from_bytes(raw, policy=email.policy.default), keys)
    return [from_text(name, _decode(raw, name), keys)]


def from_mail(name: str, message: EmailMessage, keys: frozenset[str]) -> list[Submission]:
    """The submissions in an e-mail: attached profile files first, else the profile in the text body."""
    date = _date(message)
    attached = []
    for part in message.walk():
        if part.is_multipart():
            continue
        filename = part.get_filename() or ""
        if filename.lower().endswith(YAML_SUFFIXES) or part.get_content_type() in YAML_TYPES:
            attached.append(Submission(source=f"{name}, Anhang {visible(filename) or 'ohne Namen'}",
                                       profile=_attachment_bytes(part), name_hint=_slug_of_file(filename), date=date))
    if attached:
        return attached
    texts = [_text_of(part) for part in message.walk()
             if part.get_content_type() == "text/plain" and not part.is_attachment()]
    for text in texts:
        found = find_profile(name, text, keys)
        if found is not None:
            found.date = date
            return [found]
    confirm = _confirmation(name, str(message.get("subject", "") or ""), "\n".join(texts))
    if confirm is not None:
        confirm.date = date
        return [confirm]
    if not texts and any(part.get_content_type() == "text/html" for part in message.walk()):
        raise IntakeError(f"{name}: Die E-Mail enthält nur HTML-Text und keine Profil-Datei. Bitten Sie den Verein, "
                          "im Formular „Datei herunterladen“ zu wählen und die Datei als Anhang zu schicken.")
    raise IntakeError(f"{name}: In der E-Mail steht weder ein Profil aus dem Formular (die Zeile „--- Profil "
                      "….yml ---“ oder eine angehängte .yml-Datei) noch eine Bestätigung „Noch aktuell“. Ist es die "
                      "richtige E-Mail? Sonst bitten Sie den Verein, das Formular auf /mitmachen/ zu nutzen.")


def from_text(name: str, text: str, keys: frozenset[str]) -> Submission:
    """Pasted text: a profile (with or without the rest of the e-mail) or a confirmation."""
    found = find_profile(name, text, keys) or _confirmation(name, "", text)
    if found is None:
        raise IntakeError(f"{name}: Der Text enthält kein Profil aus dem Formular (die Zeile „--- Profil ….yml ---“ "
                          "oder Zeilen wie „name: …“) und keine Bestätigung „Noch aktuell“.")
    return found


def find_profile(name: str, text: str, keys: frozenset[str]) -> Submission | None:
    """The profile in a mail body or pasted text: after the form's marker line, else from its first line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    marker = MARKER.search(text)
    start = marker or START.search(text)
    if start is None:
        return None
    hint = _slug_of_file(marker.group("name")) if marker else ""
    rest = text[marker.end() + 1:] if marker else text[start.start():]
    lines, notes = profile_lines(rest.split("\n"), start.group("quote"), keys)
    if not any(line.strip() for line in lines):
        return None
    body = "\n".join(lines).strip("\n") + "\n"
    where = f"{name}, Profil {hint}.yml" if hint else name
    return Submission(source=where, profile=body.encode("utf-8"), name_hint=hint, notes=notes)


def profile_lines(lines: list[str], quote: str, keys: frozenset[str]) -> tuple[list[str], list[str]]:
    """The profile's own lines: quoting removed, cut before a signature or what follows, wrapped lines joined.

    The form writes only three kinds of lines at the left edge: a field (`name: …`), a comment or an empty
    line. Any other line there was put there by a mail program: joined back if it continues a long line,
    the end of the profile if it follows an empty line (a signature, "Von meinem iPhone gesendet", a quote).
    """
    out: list[str] = []
    joined = 0
    for line in lines:
        if quote:
            if not line.startswith(quote.rstrip()):
                break
            line = line[len(quote):] if line.startswith(quote) else line[len(quote.rstrip()):]
        line = _indent_spaces(line.rstrip(" \t") if line.strip() == "" else line)
        if line in ("-- ", "--"):  # the signature separator
            break
        at_edge = line[:1] not in ("", " ", "#")
        if at_edge and not _is_field(line, keys):
            if not out or out[-1].strip() == "":
                break
            first_word = line.split(" ", 1)[0]
            if len(out[-1].rstrip()) + 1 + len(first_word) <= WRAP_WIDTH and not _open_quote(out[-1]):
                out.append(line)  # not a wrapped line: the check names it
                continue
            out[-1] = out[-1].rstrip(" ") + " " + line
            joined += 1
            continue
        out.append(line)
    while out and out[-1].strip() == "":
        out.pop()
    notes = [f"Das E-Mail-Programm hatte {joined} lange Zeile(n) umbrochen; sie wurden wieder zusammengefügt."
             ] if joined else []
    return out, notes


def unflow(text: str, delsp: bool) -> str:
    """Undo format=flowed (RFC 3676): a line ending in a space continues on the next line."""
    out: list[str] = []
    current: str | None = None
    depth_of_current = 0
    for line in text.split("\n"):
        depth = len(line) - len(line.lstrip(">"))
        content = line[depth:]
        if content.startswith(" "):
            content = content[1:]  # space-stuffing
        soft = content.endswith(" ") and content != "-- "
        if soft and delsp:
            content = content[:-1]
        if current is not None and depth == depth_of_current:
            current += content
        else:
            if current is not None:
                out.append(_quoted(current, depth_of_current))
            current, depth_of_current = content, depth
        if not soft:
            out.append(_quoted(current, depth))
            current = None
    if current is not None:
        out.append(_quoted(current, depth_of_current))
    return "\n".join(out)


def _quoted(text: str, depth: int) -> str:
    return ("> " * depth) + text if depth else text


def _is_field(line: str, keys: frozenset[str]) -> bool:
    head = line.split(":", 1)[0]
    return ":" in line and head in keys and (line[len(head) + 1:][:1] in ("", " "))


def _open_quote(line: str) -> bool:
    """Does a double-quoted value begin on this line and not end there? (JSON-style escapes, as the form writes)"""
    value = line.split(": ", 1)[1] if ": " in line else line.lstrip(" -")
    if not value.startswith('"'):
        return False
    closing = re.match(r'"(?:[^"\\]|\\.)*"', value)
    return closing is None


def _indent_spaces(line: str) -> str:
    """Mail programs sometimes indent with no-break spaces (U+00A0); YAML needs ordinary ones."""
    stripped = line.lstrip(" \u00a0")
    return " " * (len(line) - len(stripped)) + stripped


def _confirmation(name: str, subject: str, body: str) -> Submission | None:
    """The "Noch aktuell?" e-mail: its subject, or its body naming the Kurzadresse."""
    body = body.replace("\r\n", "\n")
    by_subject = CONFIRM_SUBJECT.match(subject.strip())
    in_body = CONFIRM_SLUG.search(body) if by_subject or "noch aktuell" in " ".join(body.split()).lower() else None
    found = in_body or (SUBJECT_SLUG.search(subject) if by_subject else None)
    if found is None or not is_valid(found.group("slug")):
        return None
    return Submission(source=name, confirm_slug=found.group("slug"), extra_text=_extra_text(body))


def _extra_text(body: str) -> str:
    """Paragraphs the association added to the prepared confirmation (e.g. "neue Telefonnummer: …")."""
    own = body.split("\n-- \n")[0]
    paragraphs = [" ".join(line.strip() for line in block.split("\n") if not line.startswith(">")).strip()
                  for block in re.split(r"\n\s*\n", own)]
    return "\n".join(p for p in paragraphs if p and not p.lower().startswith(CONFIRM_TEMPLATE))


def _text_of(part: EmailMessage) -> str:
    try:
        text = part.get_content()
    except (LookupError, UnicodeError, ValueError):  # unknown or wrong charset: take it as UTF-8
        text = (part.get_payload(decode=True) or b"").decode("utf-8", errors="replace")
    if part.get_param("format", "").lower() == "flowed":
        text = unflow(text.replace("\r\n", "\n"), str(part.get_param("delsp", "")).lower() == "yes")
    return text


def _attachment_bytes(part: EmailMessage) -> bytes:
    content = part.get_payload(decode=True) or b""
    charset = part.get_content_charset()
    if charset and charset.lower() not in ("utf-8", "utf8", "us-ascii"):
        try:
            content = content.decode(charset).encode("utf-8")
        except (LookupError, UnicodeError):
            pass  # the loader names the bad byte
    return content


def _date(message: EmailMessage) -> datetime.date | None:
    try:
        header = message.get("date")
        value = getattr(header, "datetime", None)
    except (TypeError, ValueError, IndexError):
        return None
    return value.date() if value is not None else None


def _looks_like_mail(raw: bytes) -> bool:
    head = raw[:8192].replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
    names = {line.split(b":", 1)[0].strip().lower() for line in head.split(b"\n") if b":" in line}
    return bool(names & {b"from", b"subject", b"date", b"mime-version", b"content-type", b"message-id"}) \
        and all(re.match(rb"^([!-9;-~]+:|[ \t])", line) for line in head.split(b"\n") if line)


def _decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise IntakeError(f"{name} ist kein UTF-8-Text. Speichern Sie den Text mit der Kodierung „UTF-8“ oder "
                          "übernehmen Sie die E-Mail als .eml-Datei.") from None


def _slug_of_file(filename: str) -> str:
    """The Kurzadresse in a file name the form gave: `kulturverein.yml`, also `kulturverein (1).yml`."""
    stem = Path(filename).name
    for suffix in YAML_SUFFIXES:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    stem = re.sub(r"\s*\(\d+\)$", "", stem.strip())  # browsers number a second download
    return stem if is_valid(stem) else ""
