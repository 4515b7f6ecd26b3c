"""MkDocs hook for the MSO-Verzeichnis: event functions only, the work is done by `mso`.

load → validate → Directory in on_config, which also hands colour and logo to the theme, fills
`{{ verzeichnis.… }}` in site_name, site_description and copyright and, for another language than the main
one, sets the theme's language and the translated titles; generated pages are registered as stub files in
on_files, get their `page.meta` in on_page_markdown and their HTML in on_page_content (never through YAML or
Markdown); live values go into hand-written pages in on_page_markdown and on_page_content; the theme's own
templates get gettext in on_env and the links to the other languages in on_page_context; the PDF, the other
languages' builds and the search index (Pagefind) in on_post_build.
MkDocs loads a hook module once per process, and the main build runs the other languages' builds inside its
own: so the state of each build lives on its own `_Build` object, found by the build's `config`; what outlasts a
build while previewing (`mkdocs serve`) lives on `_session`.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

from mso import config as mso_config
from mso import i18n, languages, pages, placeholders, search
from mso.i18n import Language
from mso.pipeline import load_directory
from mso.problems import DataError
from mso.schema import file_problem as schema_file_problem
from mso.schema import for_settings
from mso.views import (Asset, PageSpec, Site, all_fragments, all_outputs, anchor_ids, post_build, theme,
                       unsearched_folders)

log = get_plugin_logger("verzeichnis")


class _Session:
    """What outlasts one build in this process: whether MkDocs is previewing, the search index being built and
    the main language's build."""

    def __init__(self) -> None:
        self.serving = False
        self.indexing: search.Indexing | None = None
        self.main_site: Site | None = None  # the main language's build, for the others built inside it

    def stop_indexing(self) -> None:
        if self.indexing is not None:
            self.indexing.stop()


class _Build:
    """What the events of one build share."""

    def __init__(self, session: _Session) -> None:
        self.session = session
        self.site: Site | None = None
        self.languages: dict[str, Language] = {}
        self.main_url = ""
        self.pages: dict[str, PageSpec] = {}  # by source path
        self.translated: set[str] = set()  # hand-written pages in this build's language
        self.values: dict[str, str] = {}  # live values in this build's language
        self.values_de: dict[str, str] = {}  # for hand-written pages that exist only in German
        self.fragments: dict = {}

    def on_config(self, config):
        try:
            settings = mso_config.from_mkdocs_config(config)
            _pin_build_date(settings.stichtag)
            schema = for_settings(settings)
            self.languages = languages.languages(settings, schema, languages.in_this_run(
                settings, os.environ, self.session.serving))
            language = self.languages[settings.sprache]
            self.main_url = config.site_url or ""
            languages.configure(config, settings, language, self.main_url)
            settings = dataclasses.replace(settings, site_url=config.site_url or "")
            theme.apply(config.theme, config.extra_css, settings)
            directory = load_directory(settings, schema)
            self.values = placeholders.values(directory, language)
            self.values_de = self.values if language.code == "de" else placeholders.values(directory)
            for key in placeholders.CONFIG_KEYS:
                config[key] = placeholders.fill_text(config[key], self.values, f"`{key}` in mkdocs.yml")
        except mso_config.ConfigError as exc:
            raise PluginError(str(exc)) from None
        except DataError as exc:
            for problem in exc.problems:
                log.error(str(problem))
            raise PluginError(f"{len(exc.problems)} Problem(e) in den Vereinsdaten, siehe oben. Die Website "
                              "wurde nicht gebaut, damit keine halb geprüften Daten erscheinen.") from None
        if problem := schema_file_problem(directory.schema, settings):
            log.error(problem)  # an error, so that `mkdocs build --strict -q` stops too
        self.site = Site(directory, language, main=None if language.main else self.session.main_site)
        if language.main:
            self.session.main_site = self.site
        self.fragments = {fragment.name: fragment for fragment in all_fragments(self.site)}
        if language.main:
            log.info(f"{directory.counts.veroeffentlicht} von {directory.counts.erfasst} Vereinen werden "
                     f"veröffentlicht (Stichtag {settings.stichtag.isoformat()}).")
        return config

    def on_files(self, files, config):
        in_nav = _nav_paths(config.nav)
        self.pages = {}
        main = self.site.language.main
        for output in all_outputs(self.site):
            if files.get_file_from_path(output.path) is not None:
                raise PluginError(f"docs/{output.path} gibt es schon; diese Datei wird aus den Daten erzeugt. "
                                  "Löschen oder verschieben Sie die handgeschriebene Datei.")
            if isinstance(output, Asset):
                if main or not output.shared:
                    files.append(File.generated(config, output.path, content=output.content))
                continue
            self.pages[output.path] = output
            inclusion = InclusionLevel.UNDEFINED if output.path in in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, output.path, content="", inclusion=inclusion))
        self.translated = pages.use_translations(files, config, self.site.language,
                                                 i18n.pages(self.site.settings, self.site.language.code))
        return files

    def on_env(self, env, config, files):
        pages.install_gettext(env, self.site.language, languages.roots(self.languages, self.site.settings,
                                                                        self.main_url))
        return env

    def on_page_markdown(self, markdown, page, config, files):
        spec = self.pages.get(page.file.src_uri)
        if spec is not None:
            page.meta.update(spec.meta())
            return ""
        own = self._in_own_language(page)
        if not own:
            pages.german_only_meta(markdown, page.meta, self.site.language)
        known = placeholders.for_markdown(self.values if own else self.values_de)
        return placeholders.fill(markdown, known, self.fragments,
                                 lambda name: log.error(
                                     f"docs/{page.file.src_uri}: `{{{{ verzeichnis.{name} }}}}` gibt es nicht. "
                                     f"Bekannt sind: {placeholders.names(self.values, self.fragments)}."))

    def on_page_content(self, html, page, config, files):
        renderer = self.site.renderer
        try:
            spec = self.pages.get(page.file.src_uri)
            if spec is not None:
                html = renderer.page(spec)
                page.present_anchor_ids = (page.present_anchor_ids or set()) | anchor_ids(html)
                return html
            for name, fragment in self.fragments.items():
                if placeholders.marker(name) in html:
                    html = html.replace(placeholders.marker(name), renderer.fragment(fragment, page.file.src_uri))
        except mso_config.ConfigError as exc:
            raise PluginError(str(exc)) from None
        if not self._in_own_language(page):
            return pages.german_only(html, renderer)
        return html

    def _in_own_language(self, page) -> bool:
        """Whether a hand-written page is in this build's language (else it is a German page shown as such)."""
        return self.site.language.main or page.file.src_uri in self.translated

    def on_page_context(self, context, page, config, nav):
        context["alternates"] = languages.alternates(page.url, context["base_url"], self.site.language,
                                                     self.languages, self.main_url)
        return context

    def on_post_build(self, config):
        site_dir = Path(config.site_dir)
        post_build(self.site, site_dir)
        try:
            if not self.site.language.main:
                return  # the main build makes the other languages and indexes them all at its end
            session = self.session
            others = [code for code in self.languages if code != self.site.language.code]
            languages.build_others(config.config_file_path, str(site_dir), config.strict, others)
            # While previewing, the page reloads at once and the search index follows a moment later.
            session.indexing = search.start_index(site_dir, skip=unsearched_folders(), languages=others)
            if not session.serving:
                session.indexing.finish()
        except (search.SearchIndexError, mso_config.ConfigError) as exc:
            raise PluginError(str(exc)) from None


def _pin_build_date(stichtag: datetime.date) -> None:
    """Dates MkDocs writes (sitemap, gzip) follow the Stichtag, so equal inputs give equal output."""
    midnight = datetime.datetime.combine(stichtag, datetime.time(), tzinfo=datetime.timezone.utc)
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(midnight.timetuple()))


def _nav_paths(nav) -> set[str]:
    found: set[str] = set()

    def walk(item):
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav or [])
    return found


_session = _Session()
_builds: dict[int, _Build] = {}  # by id(config): one per build, the nested ones included


def on_startup(command, dirty):
    _session.serving = command == "serve"


def on_shutdown():
    _session.stop_indexing()


def on_config(config):
    _session.stop_indexing()  # `mkdocs serve`: the last build's index is outdated
    _builds[id(config)] = build = _Build(_session)
    return build.on_config(config)


def on_files(files, config):
    return _builds[id(config)].on_files(files, config)


def on_env(env, config, files):
    return _builds[id(config)].on_env(env, config, files)


def on_page_markdown(markdown, page, config, files):
    return _builds[id(config)].on_page_markdown(markdown, page, config, files)


def on_page_content(html, page, config, files):
    return _builds[id(config)].on_page_content(html, page, config, files)


def on_page_context(context, page, config, nav):
    return _builds[id(config)].on_page_context(context, page, config, nav)


def on_post_build(config):
    _builds.pop(id(config)).on_post_build(config)
