"""`mso uebernehmen DATEI … [--ja]`: take what an association sent into `organisations/`.

Each submission is checked with the messages of `mso validate`; with any problem nothing is written.
Otherwise the changes are shown field by field, and after a yes the file is written and the next
steps (git add, git commit, publish) are printed.
"""

from __future__ import annotations

import argparse
import datetime
import re
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, TextIO

from dateutil.relativedelta import relativedelta

from ..characters import visible
from ..config import Settings, german_date
from ..fields import profile_fields
from ..load import Document, load_bytes, load_file
from ..problems import Problem
from ..schema import Schema, for_settings
from ..slugs import is_valid, slugify
from ..slugs import problem as slug_problem
from ..validate import check_document, check_names
from .diff import changes, report
from .mail import IntakeError, Submission, read_source
from .merge import Form, MergeError, drop_fields, has_default, merge, set_field

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
EDIT = re.compile(r"^# Änderung des Profils (?P<slug>[a-z0-9-]+)\b", re.MULTILINE)
NEW = re.compile(r"^# Neues Profil\b", re.MULTILINE)
YES = {"j", "ja", "y", "yes"}


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register `mso uebernehmen` with its options."""
    parser = commands.add_parser(
        "uebernehmen", help="Eine Meldung aus dem Formular (Datei, E-Mail, Text) oder eine Bestätigung übernehmen.",
        add_help=False,
        description="Übernimmt, was ein Verein geschickt hat: die .yml-Datei aus dem Formular, eine gespeicherte "
                    "E-Mail (.eml) mit dem Profil im Text oder als Anhang, eingefügten Text (-) oder die E-Mail "
                    "„Noch aktuell“. Prüft alles wie `mso validate`, zeigt die Änderungen und schreibt erst "
                    "nach Ihrer Zustimmung. `intern` und Ihre Kommentare bleiben erhalten.")
    parser.add_argument("-h", "--help", action="help", help="Diese Hilfe zeigen.")
    parser.add_argument("dateien", nargs="+", metavar="DATEI",
                        help="Eine .yml-Datei, eine .eml-Datei oder - für Text aus der Zwischenablage "
                             "(einfügen, dann Strg+D; unter Windows Strg+Z und Enter).")
    parser.add_argument("--ja", action="store_true", help="Ohne Nachfrage schreiben.")
    parser.add_argument("--als", metavar="KURZADRESSE",
                        help="Die Meldung in organisations/KURZADRESSE.yml übernehmen (z. B. wenn ein Verein, den "
                             "es schon gibt, das Formular für einen neuen Eintrag benutzt hat).")


@dataclass
class Written:
    """A profile file written by this run, with the suggested commit message and where it will appear."""

    path: Path
    message: str  # the suggested commit message
    published_at: str  # where it appears after the next build, or why it does not


def run(args: argparse.Namespace, settings: Settings, stdin: TextIO | None = None) -> int:
    """`mso uebernehmen`: take each DATEI (or standard input) into organisations/; the exit code of the worst one."""
    stdin = stdin or sys.stdin
    if args.als is not None and (not is_valid(args.als) or len(args.dateien) > 1):
        _say("Fehler: --als braucht eine gültige Kurzadresse (z. B. kulturverein-sued-ost) und genau eine DATEI.",
              file=sys.stderr)
        return EXIT_USAGE
    missing = [name for name in args.dateien if name != "-" and not Path(name).is_file()]
    if missing:
        for name in missing:
            _say(f"Fehler: {name} gibt es nicht (oder es ist keine Datei).", file=sys.stderr)
        return EXIT_USAGE
    intake = Intake(settings, _asker(args.ja, "-" in args.dateien, stdin), args.als)
    code = EXIT_OK
    for name in args.dateien:
        if len(args.dateien) > 1:
            _say(f"\n=== {name} ===")
        code = max(code, intake.take_input(name, stdin))
    if intake.written:
        _say(_next_steps(intake.written))
    return code


def _say(*parts: object, end: str = "\n", file: TextIO | None = None, flush: bool = False) -> None:
    """print() for everything this command shows. Much of it came by mail (attachment names, what the association
    wrote, values quoted in messages) and may hold terminal escapes (ESC [2J, OSC 52, OSC 8 links) or invisible
    reordering characters: each of those is shown as ‹U+001B›, never sent to the terminal."""
    print(*(visible(str(part), keep="\n\t") for part in parts), end=end, file=file, flush=flush)


def _asker(auto: bool, stdin_used: bool, stdin: TextIO) -> Callable[[str], bool | None]:
    """Ask a yes/no question; None when nobody can answer (no terminal)."""
    def ask(question: str) -> bool | None:
        if auto:
            return True
        if not stdin_used:
            return _answer(question, stdin)
        try:  # the submission came on standard input: ask on the terminal
            with open("/dev/tty", encoding="utf-8") as terminal:
                return _answer(question, terminal)
        except OSError:
            return None
    return ask


def _answer(question: str, stream: TextIO) -> bool | None:
    _say(f"{question} [ja/nein] ", end="", flush=True)
    answer = stream.readline()
    if not answer:
        _say()
        return None
    return answer.strip().lower() in YES


class Intake:
    """Takes submissions into the data folder of `settings`, asking before each write unless told not to."""

    def __init__(self, settings: Settings, ask: Callable[[str], bool | None], als: str | None):
        self.settings = settings
        self.schema = for_settings(settings)
        fields = profile_fields(self.schema)
        self.form = Form({f.key: f for f in fields}, tuple(self.schema.properties))
        self.ask = ask
        self.als = als
        self.written: list[Written] = []

    # ---------- reading ----------

    def take_input(self, name: str, stdin: TextIO) -> int:
        """Read one input (file, .eml or `-`) and take every submission in it; returns an exit code."""
        label = "Eingefügter Text" if name == "-" else name
        try:
            raw = stdin.buffer.read() if name == "-" and hasattr(stdin, "buffer") else (
                stdin.read().encode("utf-8") if name == "-" else Path(name).read_bytes())
            submissions = read_source(label, raw, frozenset(self.schema.properties))
        except IntakeError as exc:
            _say(f"{exc}\nEs wurde nichts geändert.")
            return EXIT_PROBLEMS
        except OSError as exc:
            _say(f"Fehler: {name} konnte nicht gelesen werden ({exc.strerror}).", file=sys.stderr)
            return EXIT_USAGE
        except Exception as exc:  # noqa: BLE001 - a broken e-mail must never end in a traceback
            _say(f"{label} konnte nicht als E-Mail oder Profil gelesen werden (technisch: {type(exc).__name__}). "
                  "Es wurde nichts geändert. Bitten Sie den Verein, die Datei aus dem Formular "
                  "(„Datei herunterladen“) als Anhang zu schicken.")
            return EXIT_PROBLEMS
        code = EXIT_OK
        for submission in submissions:
            try:
                if submission.profile is not None:
                    code = max(code, self.take_profile(submission))
                else:
                    code = max(code, self.take_confirmation(submission))
            except MergeError as exc:
                _say(f"{exc}\nEs wurde nichts geändert.")
                code = EXIT_PROBLEMS
            except OSError:
                raise  # cannot write: `mso` says so in German
            except Exception as exc:  # noqa: BLE001 - never a traceback; the file is untouched until the write
                _say(f"{submission.source} konnte nicht übernommen werden (technisch: {type(exc).__name__}: {exc}). "
                      "Es wurde nichts geändert. Übernehmen Sie die Meldung bitte von Hand und melden Sie den Fall.")
                code = EXIT_PROBLEMS
        return code

    # ---------- a profile from the form ----------

    def take_profile(self, sub: Submission) -> int:
        """Validate a submitted profile, merge it into its file (or a new one), show the diff and write it."""
        for note in sub.notes:
            _say(f"Hinweis: {note}")
        doc, problems = load_bytes(sub.profile, Path(f"{sub.name_hint or 'meldung'}.yml"), sub.source)
        if problems or doc is None:
            return self.refuse(sub, problems)
        text = sub.profile.decode("utf-8-sig").replace("\r\n", "\n")
        slug, editing, why = self.target_of(doc, text, sub)
        if not slug:
            _say(why if why.endswith("Es wurde nichts geändert.") else why + "\nEs wurde nichts geändert.")
            return EXIT_PROBLEMS
        target = self.settings.daten / f"{slug}.yml"
        doc.path = target
        problems = check_document(doc, self.schema, self.settings.stichtag)
        if problems:
            return self.refuse(sub, problems)
        ignored = [k for k in doc.data if not self.form.expresses(k)]
        if ignored:
            _say(f"Hinweis: Die Meldung enthält {', '.join(f'`{k}`' for k in ignored)}. Das pflegt nur die "
                  "Redaktion; es wird nicht übernommen.")
        display = _display(target)
        old = None
        if editing:
            old_doc, old_problems = load_file(target, display)
            if old_problems or old_doc is None:
                for problem in old_problems:
                    _say(problem)
                _say(f"Die bestehende Datei {display} hat selbst Fehler. Beheben Sie diese zuerst "
                      f"(mso validate {display}), dann übernehmen Sie die Meldung. Es wurde nichts geändert.")
                return EXIT_PROBLEMS
            old = old_doc.data
            sent, current = _date(doc.data.get("stand")), _date(old.get("stand"))
            if sent and current and sent < current:
                _say(f"Diese Meldung ist älter als die Angaben im Verzeichnis: Sie hat den Stand {german_date(sent)}, "
                     f"{display} ist schon vom {german_date(current)} (eine spätere Änderung oder Bestätigung). "
                     "Übernommen, würde sie neuere Angaben zurücknehmen. Fragen Sie beim Verein nach, ob diese "
                     "Angaben noch gelten, und übernehmen Sie dann seine neue Meldung. Es wurde nichts geändert.")
                return EXIT_PROBLEMS
            result = merge(target.read_text(encoding="utf-8"), old, text, doc.data, self.form, display)
        else:
            result = drop_fields(text, set(ignored), "Die Meldung") if ignored else text
        expected = {k: v for k, v in doc.data.items() if self.form.expresses(k)}
        for key, value in (old or {}).items():
            if not self.form.expresses(key) or (key not in expected and has_default(self.form.fields[key], value)):
                expected[key] = value
        final = self.verify(result, target, display, expected)
        if final is None:
            return EXIT_PROBLEMS
        if old is None or old.get("name") != final.data["name"]:
            twins = self.near_duplicates(final, target)
            if twins:
                _say(_twins_message(sub, final.data["name"], twins, twins[0].slug))
                return EXIT_PROBLEMS
        name = final.data["name"]
        kind = "Änderung des Profils" if editing else "Neues Profil"
        _say(f"{kind} „{name}“: {display}" + (f" (E-Mail vom {german_date(sub.date)})" if sub.date else ""))
        verb = "Geändert" if editing else "Neu"
        return self.show_and_write(old or {}, final, target, result, f"{verb}: {name}")

    def target_of(self, doc: Document, text: str, sub: Submission) -> tuple[str, bool, str]:
        """The Kurzadresse the submission goes to, whether that file exists, or why there is none."""
        name = str(doc.data.get("name", ""))
        if self.als:
            return self.als, (self.settings.daten / f"{self.als}.yml").exists(), ""
        edit = EDIT.search(text)
        if edit:
            slug = edit.group("slug")
            if not is_valid(slug):
                return "", False, (f"{sub.source}: Die Meldung ändert das Profil „{slug}“, aber das ist keine "
                                   "gültige Kurzadresse. Übernehmen Sie die Meldung mit --als KURZADRESSE in die "
                                   "richtige Datei.")
            if (self.settings.daten / f"{slug}.yml").exists():
                return slug, True, ""
            return "", False, (f"{sub.source}: Die Meldung ändert das Profil „{slug}“, aber "
                               f"{_display(self.settings.daten / (slug + '.yml'))} gibt es nicht. Wurde die Datei "
                               "umbenannt oder gelöscht? Dann übernehmen Sie die Meldung mit --als KURZADRESSE in "
                               "die richtige Datei.")
        if not NEW.search(text) and sub.name_hint and (self.settings.daten / f"{sub.name_hint}.yml").exists():
            return sub.name_hint, True, ""
        slug = slugify(name)
        if not is_valid(slug):
            return "", False, (f"{sub.source}: {slug_problem(name)} Oder geben Sie die Kurzadresse (den "
                               "Dateinamen) selbst an: mso uebernehmen DATEI --als kurzadresse")
        existing = self.settings.daten / f"{slug}.yml"
        if existing.exists():
            twin, _ = load_file(existing, _display(existing))
            return "", False, _twins_message(sub, name, [twin] if twin else [], slug)
        return slug, False, ""

    def verify(self, text: str, target: Path, display: str, expected: dict[str, Any]) -> Document | None:
        """The text that would be written reads back as intended and passes `mso validate`."""
        final, problems = load_bytes(text.encode("utf-8"), target, display)
        if final is not None:
            problems = problems + check_document(final, self.schema, self.settings.stichtag)
        if problems or final is None:
            for problem in problems:
                _say(problem)
            _say(f"Die neue Fassung von {display} wäre fehlerhaft. Es wurde nichts geändert.")
            return None
        if final.data != expected:
            different = sorted(k for k in set(final.data) | set(expected) if final.data.get(k) != expected.get(k))
            _say(f"Fehler: Die neue Fassung von {display} weicht bei {', '.join(different)} von der Meldung ab. "
                  "Es wurde nichts geändert. Bitte übernehmen Sie diese Meldung von Hand und melden Sie den Fall.")
            return None
        return final

    def near_duplicates(self, final: Document, target: Path) -> list[Document]:
        """Existing profiles whose names are the same or nearly the same as the submission's."""
        twins = []
        for path in sorted(self.settings.daten.glob("*.yml")):
            if path.resolve() == target.resolve():
                continue
            other, _ = load_file(path, _display(path))
            if other is not None and check_names([other, final]):
                twins.append(other)
        return twins

    # ---------- a confirmation ("Noch aktuell?") ----------

    def take_confirmation(self, sub: Submission) -> int:
        """A "Noch aktuell?" reply: set `stand` of the named profile to the mail's date, nothing else."""
        slug = self.als or sub.confirm_slug
        target = self.settings.daten / f"{slug}.yml"
        display = _display(target)
        if not target.exists():
            _say(f"{sub.source}: Eine Bestätigung „Noch aktuell“ für die Kurzadresse „{slug}“, aber {display} gibt "
                  "es nicht. Prüfen Sie die Kurzadresse in der E-Mail. Es wurde nichts geändert.")
            return EXIT_PROBLEMS
        old, problems = load_file(target, display)
        if problems or old is None:
            for problem in problems:
                _say(problem)
            _say(f"Die Datei {display} hat selbst Fehler. Beheben Sie diese zuerst. Es wurde nichts geändert.")
            return EXIT_PROBLEMS
        stichtag = self.settings.stichtag
        date = min(sub.date or stichtag, stichtag)  # never into the future
        source = f"E-Mail vom {german_date(sub.date)}" if sub.date else "ohne Datum, also heute"
        _say(f"Bestätigung „Noch aktuell“ für „{old.data['name']}“: {display} ({source})")
        if sub.extra_text:
            _say("Der Verein hat außerdem geschrieben:\n" + "\n".join("  " + line for line in sub.extra_text.split("\n"))
                  + "\nÄnderungen daraus übernimmt dieser Befehl nicht; bitten Sie dafür um das Formular "
                    "(„Angaben ändern“ auf der Vereinsseite).")
        stand = _date(old.data.get("stand"))
        if stand is not None and stand >= date:
            _say(f"Der Stand ist schon der {german_date(stand)}, nicht älter als diese Bestätigung "
                  f"({german_date(date)}). Es gibt nichts zu ändern.")
            return EXIT_OK
        text = set_field(target.read_text(encoding="utf-8"), "stand", date, display)
        expected = {**old.data, "stand": date.isoformat()}
        final = self.verify(text, target, display, expected)
        if final is None:
            return EXIT_PROBLEMS
        if stand is not None and stand + relativedelta(months=self.settings.monate_bis_ausblenden) < stichtag:
            _say("Der Eintrag war ausgeblendet, weil er lange nicht bestätigt wurde. Nach dem nächsten Bau "
                  "erscheint er wieder.")
        return self.show_and_write(old.data, final, target, text, f"Bestätigt: {old.data['name']}")

    # ---------- showing, asking, writing ----------

    def show_and_write(self, old: dict[str, Any], final: Document, target: Path, text: str, message: str) -> int:
        """Print the German field diff, ask, and write `text` to `target`; returns an exit code."""
        found = changes(old, final.data, self.schema)
        display = _display(target)
        if not found:
            _say(f"Keine Änderungen: {display} stimmt schon mit der Meldung überein.")
            return EXIT_OK
        _say("\nÄnderungen:" if old else "\nInhalt des neuen Profils:")
        _say(report(found, self.schema))
        kept = [k for k in old if not self.form.expresses(k)]
        unchanged = len([k for k in final.data if k in old and old[k] == final.data[k] and k not in kept])
        if old:
            _say(f"\nUnverändert: {unchanged} Feld(er)"
                  + (f"; nur für die Redaktion und unverändert: {', '.join(f'`{k}`' for k in kept)}" if kept else "")
                  + ".")
        answer = self.ask(f"\n{display} {'ändern' if old else 'anlegen'}?")
        if answer is None:
            _say("Nichts geschrieben: Es konnte nicht nachgefragt werden. Prüfen Sie die Änderungen oben und "
                  "rufen Sie den Befehl mit --ja noch einmal auf.")
            return EXIT_PROBLEMS
        if not answer:
            _say("Nichts geschrieben.")
            return EXIT_PROBLEMS
        target.write_bytes(text.encode("utf-8"))
        _say(f"Geschrieben: {display}")
        self.written.append(Written(target, message, self._where(final)))
        return EXIT_OK

    def _where(self, final: Document) -> str:
        data = final.data
        if data.get("veroeffentlichen") is not True:
            return "Ohne Zustimmung zur Veröffentlichung zählt der Verein nur in der Gesamtzahl mit."
        if data.get("status") == "aufgeloest":
            return "Als aufgelöst wird der Verein nicht mehr gezeigt."
        site = self.settings.site_url
        site = site if not site or site.endswith("/") else site + "/"
        return f"Danach steht der Eintrag unter {site}vereine/{final.slug}/."

    def refuse(self, sub: Submission, problems: list[Problem]) -> int:
        """Print the problems of a submission and what to ask the association; returns the exit code for problems."""
        for problem in problems:
            _say(problem)
        _say(f"\nDie Meldung ({sub.source}) kann so nicht übernommen werden. Es wurde nichts geändert.")
        fields = sorted({p.field.split("[")[0].split(".")[0] for p in problems if p.field})
        if any(p.field is None for p in problems):
            _say("Bitten Sie den Verein, im Formular „Datei herunterladen“ zu wählen und die Datei als Anhang zu "
                  "schicken: Der Text ist unterwegs beschädigt worden oder stammt nicht aus dem Formular.")
        if fields:
            titles = ", ".join(self.schema.title((f,)) for f in fields)
            _say(f"Bitten Sie den Verein, das Formular noch einmal auszufüllen (bei einer Änderung über „Angaben "
                  f"ändern“ auf seiner Seite) und diese Angaben zu berichtigen: {titles}. Die Meldungen oben "
                  "sagen, was nicht stimmt.")
        return EXIT_PROBLEMS


def _twins_message(sub: Submission, name: str, twins: list[Document], slug: str) -> str:
    lines = [f"{sub.source}: Der Name „{name}“ ist gleich oder fast gleich wie in {twin.display} "
             f"(„{twin.data.get('name')}“)." for twin in twins] or [
        f"{sub.source}: Die Datei {slug}.yml für „{name}“ gibt es schon."]
    return "\n".join(lines) + (
        "\nIst das derselbe Verein, übernehmen Sie die Meldung in dessen Datei:\n"
        f"  mso uebernehmen {_arg(sub)} --als {slug}\n"
        "Ist es ein anderer Verein, fragen Sie nach dem genauen Namen; zwei fast gleiche Namen hält "
        "`mso validate` für einen Fehler. Es wurde nichts geändert.")


def _arg(sub: Submission) -> str:
    """The DATEI argument again, for a suggested command line."""
    first = sub.source.split(",")[0]
    return "-" if first == "Eingefügter Text" else first


def _date(value: Any) -> datetime.date | None:
    """A `stand` as a date (YAML gives a date; a quoted one is text), or None."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _quote(text: str) -> str:
    if not re.search(r'["$`\\!]', text):
        return f'"{text}"'
    return "'" + text.replace("'", "'\\''") + "'"


def _next_steps(written: list[Written]) -> str:
    lines = ["\nSo geht es weiter:"]
    for item in written:
        lines += [f"  git add {shlex.quote(_display(item.path))}", f"  git commit -m {_quote(item.message)}"]
    lines += ["  git push",
              "Veröffentlicht wird mit dem nächsten Bau der Website: nach dem Push durch die CI-Pipeline, sonst mit "
              "`make site` und dem Kopieren von site/ auf den Webserver (Redaktionshandbuch, „Die Website bauen "
              "und veröffentlichen“)."]
    lines += [item.published_at if len(written) == 1 else f"{_display(item.path)}: {item.published_at}"
              for item in written]
    return "\n".join(lines)

