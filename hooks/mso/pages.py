"""Hand-written pages in another language: a translation where there is one, else the German page, marked.

A translation of `docs/<page>.md` lives in `uebersetzungen/<code>/<page>.md` beside mkdocs.yml; the other pages (the legal ones,
Leichte Sprache, the staff handbook) stay German, carry `lang="de"` and say so in the visitor's language.
The theme's own templates (overrides/) get the same gettext as ours.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

from .i18n import N_, Language

# The titles of the hand-written pages that stay German, so that the browser tab and the header name them in the
# visitor's language (the page itself stays German).
GERMAN_ONLY_TITLES = (N_("Erklärung zur Barrierefreiheit"), N_("Betrieb: Hosting und Sicherheit"),
                      N_("Datenschutzerklärung"), N_("Impressum"), N_("Leichte Sprache"), N_("Redaktionshandbuch"),
                      N_("Technik: die Bau-Software wechseln"))
HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


def use_translations(files: Files, config: Any, language: Language, folder: Path) -> set[str]:
    """Put each translated page (in `folder`) in place of the German one; returns the source paths now in
    `language`."""
    if language.code == "de":
        return set()
    translated = set()
    for file in list(files.documentation_pages()):
        if file.generated_by is not None:
            continue
        source = folder / file.src_uri
        if source.is_file():
            files.remove(file)
            files.append(File.generated(config, file.src_uri, abs_src_path=str(source), inclusion=file.inclusion))
            translated.add(file.src_uri)
    return translated


def german_only_meta(markdown: str, meta: dict[str, Any], language: Language) -> None:
    """A German page in another language's site: no table of contents (its entries would be German headings),
    and its title in the visitor's language where the catalog has one."""
    hide = meta.get("hide")
    meta["hide"] = [*(hide if isinstance(hide, list) else []), "toc"]
    heading = HEADING.search(markdown)
    title = meta.get("title") or (heading.group(1) if heading else "")
    if isinstance(title, str) and title and language.gettext(title) != title:
        meta["title"] = language.gettext(title)


def german_only(html: str, renderer: Any) -> str:
    """A German page inside another language's site: marked as German, with a note in the visitor's language."""
    return renderer.render("nur_deutsch.html", content=html)


def install_gettext(env: Any, language: Language, roots: list[dict[str, str]]) -> None:
    """`{{ _("…") }}` in the theme overrides, in the build's language; `mso_sprache` is that language,
    `mso_sprachen` every language with the full address of its root (for the sitemap), `plurals` counted texts
    for scripts (Language.plurals)."""
    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_translations(language.translations, newstyle=True)
    env.globals.update(mso_sprache=language, mso_sprachen=roots, plurals=language.plurals)
