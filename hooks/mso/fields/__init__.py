"""The profile fields, walked from the JSON Schema: one model for the form, the printable form and the
field reference, so that a field added to the schema appears in all three.

- walk.py          schema → Field tree (FieldKind); an unknown schema shape is a ConfigError
- wording.py       what the form says where the schema's help speaks YAML; autofill hints
- example.py       one complete example profile and its YAML snippets
- html_pattern.py  a schema `pattern` as an HTML `pattern` attribute
- browser.py       what the form's script needs from Python: kinds, character rules, phone lengths, host letters
"""

from .example import example_for, example_profile, example_yaml
from .html_pattern import html_pattern
from .walk import Field, FieldKind, profile_fields

__all__ = ["Field", "FieldKind", "example_for", "example_profile", "example_yaml", "html_pattern", "profile_fields"]
