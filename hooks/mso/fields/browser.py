"""What the form's script (docs/assets/mitmachen/) needs from Python, so that each rule has one source.

The page carries it as JSON (`<script type="application/json" id="mso-regeln">`); the script refuses what
`mso validate` would refuse, and where it cannot check as finely (telephone numbers, host names), it is the
stricter one.
"""

from __future__ import annotations

import functools
import unicodedata

import email_validator
import phonenumbers
from phonenumbers import PhoneMetadata
from phonenumbers.phonenumberutil import COUNTRY_CODE_TO_REGION_CODE

from .. import characters, links, slugs
from .walk import FieldKind

# Latin letters outside ASCII that a host name may hold in the form (bücher.de, çağdaş.org, hà-nội.vn).
_LATIN_BLOCKS = ((0xC0, 0x24F), (0x1E00, 0x1EFF))


def browser_rules() -> dict[str, object]:
    """Field kinds, character rules, telephone lengths, host letters, e-mail rules and slug lengths."""
    return {
        "kinds": {kind.name: kind.value for kind in FieldKind},
        "zeichen": characters.browser_rules(),
        "telefon": phone_rules(),
        "host": {"letters": _host_letters()},
        "email": {"reserved": links.MAILTO_RESERVED,
                  "special_use": sorted(email_validator.SPECIAL_USE_DOMAIN_NAMES)},
        "slug": {"min_length": slugs.MIN_LENGTH, "max_length": slugs.MAX_LENGTH},
    }


@functools.cache
def phone_rules() -> dict[str, object]:
    """Per country calling code, the lengths of a national number that phonenumbers calls possible.

    Codes whose national prefix is rewritten while parsing (Argentina, Brazil, Japan …) get no lengths: the
    script cannot tell what phonenumbers makes of them and refuses them. Every code is listed, so that the
    script reads the same code from `+5411…` as phonenumbers does."""
    lengths = {}
    for code in sorted(COUNTRY_CODE_TO_REGION_CODE):
        metadata = PhoneMetadata.metadata_for_region_or_calling_code(
            code, phonenumbers.region_code_for_country_code(code))
        plain = metadata is not None and not metadata.national_prefix_transform_rule
        lengths[str(code)] = [n for n in metadata.general_desc.possible_length if n > 0] if plain else []
    home = PhoneMetadata.metadata_for_region("DE")
    return {"lengths": lengths, "home": str(home.country_code), "trunk": home.national_prefix,
            "international": home.international_prefix}


@functools.cache
def _host_letters() -> str:
    """Letters that pass links.check_host and email_validator in a host name, in either case."""
    letters = [chr(code) for first, last in _LATIN_BLOCKS for code in range(first, last + 1)
               if unicodedata.category(chr(code)) in ("Ll", "Lu") and len(chr(code).lower()) == 1
               and links.imitates_ascii(chr(code).lower()) is None]  # ı, ɡ …: a label of them passes for ASCII
    return characters.char_class(set(_fitting(letters)).__contains__, map(ord, letters))


def _fitting(letters: list[str]) -> list[str]:
    """The letters that fit a host name, tested several at a time (a label that passes passes letter by letter;
    letters that imitate ASCII are left out before, since beside others they would pass)."""
    if len(letters) > 8:
        return [c for start in range(0, len(letters), 8) for c in _fitting(letters[start:start + 8])]
    label = "".join(letters)
    try:
        for text in (label, label.lower()):
            links.check_host(f"a{text}b.de")
            email_validator.validate_email(f"x@a{text}b.de", check_deliverability=False, test_environment=True)
        return letters
    except (links.LinkProblem, email_validator.EmailNotValidError):
        if len(letters) == 1:
            return []
        return _fitting(letters[:len(letters) // 2]) + _fitting(letters[len(letters) // 2:])
