"""Links and e-mail addresses from profiles: checked with real parsers, shown so that readers are not misled.

A website is http(s) with a host name of at least two labels, no user name or password before the host
(`https://www.stadt.example@evil.example/` goes to evil.example), a port from 1 to 65535, and a host that is
valid IDNA 2008 (UTS #46) and neither mixes scripts (`biеlefeld` with a Cyrillic е) nor imitates an ASCII
name, both per UTS #39: a label with letters beyond ASCII whose confusable skeleton is plain ASCII, in
another script (`аррӏе`) or in Latin (`wıkipedia` with a dotless ı, `ɡoogle`). Real names keep a letter
of their own in the skeleton (`bücher`, `müller-verein`, `straße`). A label that imitates ASCII, written as
punycode (`xn--…`) by someone who knows it is meant, is taken and always shown as punycode. E-mail
addresses hold no `?`, `#` or `%`, which would add recipients or text to a `mailto:` link (RFC 6068).
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from urllib.parse import quote, urlsplit, urlunsplit

import disarm
import idna

WEB_SCHEMES = ("http", "https")
MAILTO_RESERVED = "?#%"
_LDH = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")  # with fullmatch


class LinkProblem(ValueError):
    """Why a link or address is refused, in German (the schema's message for the field comes first)."""


def check_url(url: str) -> None:
    """Raise LinkProblem if `url` is not a website address the directory may link to."""
    try:
        parts = urlsplit(url)
    except ValueError:
        raise LinkProblem("Die Adresse lässt sich nicht lesen.") from None
    if parts.scheme.lower() not in WEB_SCHEMES:
        raise LinkProblem("Erlaubt sind nur Adressen, die mit https:// oder http:// beginnen.")
    if "@" in parts.netloc:
        raise LinkProblem("Vor dem Namen der Website steht ein Name mit @. So eine Adresse führt zu der Website "
                          "nach dem @. Schreiben Sie nur die Adresse der Website.")
    try:
        port = parts.port
    except ValueError:
        raise LinkProblem("Die Nummer nach dem Doppelpunkt (der Port) muss zwischen 1 und 65535 liegen. "
                          "Meist lassen Sie sie einfach weg.") from None
    if port == 0:
        raise LinkProblem("Die Nummer nach dem Doppelpunkt (der Port) muss zwischen 1 und 65535 liegen.")
    if "\\" in url:
        raise LinkProblem("Die Adresse enthält einen umgekehrten Schrägstrich (\\). Schreiben Sie / statt \\.")
    check_host(parts.hostname or "")


def check_host(host: str) -> None:
    """Raise LinkProblem unless `host` is a domain name that people can read for what it is."""
    if not host:
        raise LinkProblem("Nach https:// fehlt der Name der Website.")
    if _is_ip(host):
        raise LinkProblem("Statt des Namens der Website steht hier eine IP-Adresse. Schreiben Sie den Namen, "
                          "zum Beispiel mein-verein.de.")
    try:
        ascii_host = idna.encode(host.rstrip("."), uts46=True).decode("ascii")
        unicode_host = idna.decode(ascii_host)
    except (idna.IDNAError, UnicodeError, ValueError):
        raise LinkProblem("Der Name der Website ist nicht gültig: er darf nur Buchstaben, Ziffern und "
                          "Bindestriche enthalten, durch Punkte getrennt.") from None
    labels = ascii_host.split(".")
    if len(labels) < 2 or not all(_LDH.fullmatch(label) for label in labels) or labels[-1].isdigit():
        raise LinkProblem("Der Name der Website ist unvollständig. Er hat mindestens einen Punkt, zum Beispiel "
                          "mein-verein.de.")
    typed = host.lower().rstrip(".").split(".")
    typed = typed if len(typed) == len(labels) else [""] * len(labels)
    for label, ascii_label, as_typed in zip(unicode_host.split("."), labels, typed):
        if label.isascii():
            continue
        if disarm.is_mixed_script(label):
            raise LinkProblem(f"Der Name der Website mischt Buchstaben verschiedener Schriften („{label}“), "
                              "etwa lateinische und kyrillische, die gleich aussehen. So täuschen gefälschte "
                              "Websites. Prüfen Sie die Adresse und tippen Sie sie neu.")
        imitated = imitates_ascii(label)
        if imitated is None or as_typed == ascii_label:  # written as punycode: taken, and shown so
            continue
        hint = (f" Lautet die Adresse wirklich so, schreiben Sie diesen Teil als „{ascii_label}“ (Punycode); so "
                "zeigt ihn auch das Verzeichnis.")
        if not _is_latin(label):
            raise LinkProblem(f"Der Name der Website („{label}“) ist in einer anderen Schrift geschrieben, sieht "
                              f"aber aus wie lateinische Buchstaben („{imitated}“). So täuschen gefälschte Websites. "
                              "Prüfen Sie die Adresse und tippen Sie sie neu." + hint)
        char = next(c for c in label if not c.isascii() and imitates_ascii(c) is not None)
        raise LinkProblem(f"Der Name der Website („{label}“) enthält „{char}“, das aussieht wie „{imitates_ascii(char)}“, "
                          f"aber ein anderes Zeichen ist: die Adresse gibt sich als „{imitated}“ aus. So täuschen "
                          "gefälschte Websites. Prüfen Sie die Adresse und tippen Sie sie neu." + hint)


def imitates_ascii(label: str) -> str | None:
    """The ASCII name a label with other letters passes for (`ɡoogle` → `google`, `аррӏе` → `apple`), or
    None. UTS #39's confusable skeleton alone (disarm), with no case or ß folding: `straße` stays itself."""
    if label.isascii():
        return None
    skeleton = unicodedata.normalize("NFKC", disarm.normalize_confusables(label))
    return skeleton if skeleton.isascii() else None


def check_email(address: str) -> None:
    """Raise LinkProblem for the parts of an address that email_validator accepts but a mailto: link misreads."""
    reserved = sorted({c for c in address if c in MAILTO_RESERVED})
    if reserved:
        raise LinkProblem(f"Die Zeichen {' und '.join(reserved)} sind in E-Mail-Adressen hier nicht erlaubt, "
                          "weil ein Klick darauf sonst weitere Empfänger oder Text in die E-Mail setzen könnte.")
    check_host(address.rpartition("@")[2])


def display_host(hostname: str) -> str:
    """A host in its own letters (`xn--bcher-kva.de` → `bücher.de`), except labels that mix scripts or imitate
    an ASCII name, which stay punycode (`xn--belefeld-…`). Raises ValueError (idna's errors) for no host."""
    shown = []
    for ascii_label in idna.encode(hostname.rstrip("."), uts46=True).decode("ascii").split("."):
        label = idna.decode(ascii_label)
        deceptive = not label.isascii() and (disarm.is_mixed_script(label) or imitates_ascii(label) is not None)
        shown.append(ascii_label if deceptive else label)
    return ".".join(shown)


def display_url(url: str) -> str:
    """The address as readers should see it: its host as `display_host` shows it."""
    try:
        parts = urlsplit(url)
        if not parts.hostname:
            return url
        host = display_host(parts.hostname)
    except (ValueError, idna.IDNAError, UnicodeError):
        return url
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def display_email(address: str) -> str:
    """An e-mail address as readers should see it: its domain as `display_host` shows it (a browser's form
    may have written `info@xn--mller-verein-dlb.de` for `info@müller-verein.de`)."""
    local, at, domain = address.rpartition("@")
    if not at:
        return address
    try:
        return f"{local}@{display_host(domain)}"
    except (ValueError, idna.IDNAError, UnicodeError):
        return address


def mailto_href(address: str) -> str:
    """`mailto:` plus the address, percent-encoded so that nothing in it can add headers (RFC 6068)."""
    return "mailto:" + quote(address, safe="@+")


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _is_latin(label: str) -> bool:
    return all(str(script) in ("Script.LATIN", "Script.COMMON", "Script.INHERITED")
               for script in disarm.detect_scripts(label))
