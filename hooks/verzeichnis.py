"""MkDocs hook for the MSO-Verzeichnis: event functions only, the work is done by `mso`.

load → validate → Directory in on_config, which also hands colour and logo to the theme and fills
`{{ verzeichnis.… }}` in site_name, site_description and copyright; generated pages are registered as stub
files in on_files, get their `page.meta` in on_page_markdown and their HTML in on_page_content (never through
YAML or Markdown); live values go into hand-written pages in on_page_markdown and on_page_content; the PDF and
the search index (Pagefind) in on_post_build.
The state of one build lives on one `_Build` object.
"""

from __future__ import annotations

import calendar
import datetime
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

from mso import config as mso_config
from mso import placeholders, search
from mso.pipeline import load_directory
from mso.problems import DataError
from mso.schema import file_problem as schema_file_problem
from mso.views import Asset, PageSpec, Site, all_fragments, all_outputs, post_build, theme, unsearched_folders

log = get_plugin_logger("verzeichnis")


class _Build:
    """What the events of one build share."""

    def __init__(self) -> None:
        self.serving = False
        self.indexing: search.Indexing | None = None
        self.site: Site | None = None
        self.pages: dict[str, PageSpec] = {}  # by source path
        self.values: dict[str, str] = {}
        self.fragments: dict = {}

    def on_startup(self, command, dirty):
        self.serving = command == "serve"

    def on_config(self, config):
        if self.indexing is not None:  # `mkdocs serve`: the last build's index is outdated
            self.indexing.stop()
        try:
            settings = mso_config.from_mkdocs_config(config)
            _pin_build_date(settings.stichtag)
            theme.apply(config.theme, config.extra_css, settings)
            directory = load_directory(settings)
            self.values = placeholders.values(directory)
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
        self.site = Site(directory)
        self.fragments = {fragment.name: fragment for fragment in all_fragments(self.site)}
        log.info(f"{directory.counts.veroeffentlicht} von {directory.counts.erfasst} Vereinen werden "
                 f"veröffentlicht (Stichtag {settings.stichtag.isoformat()}).")
        return config

    def on_files(self, files, config):
        in_nav = _nav_paths(config.nav)
        self.pages = {}
        for output in all_outputs(self.site):
            if files.get_file_from_path(output.path) is not None:
                raise PluginError(f"docs/{output.path} gibt es schon; diese Datei wird aus den Daten erzeugt. "
                                  "Löschen oder verschieben Sie die handgeschriebene Datei.")
            if isinstance(output, Asset):
                files.append(File.generated(config, output.path, content=output.content))
                continue
            self.pages[output.path] = output
            inclusion = InclusionLevel.UNDEFINED if output.path in in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, output.path, content="", inclusion=inclusion))
        return files

    def on_page_markdown(self, markdown, page, config, files):
        spec = self.pages.get(page.file.src_uri)
        if spec is not None:
            page.meta.update(spec.meta())
            return ""
        return placeholders.fill(markdown, self.values, self.fragments, lambda name: log.error(
            f"docs/{page.file.src_uri}: `{{{{ verzeichnis.{name} }}}}` gibt es nicht. "
            f"Bekannt sind: {placeholders.names(self.values, self.fragments)}."))

    def on_page_content(self, html, page, config, files):
        renderer = self.site.renderer
        try:
            spec = self.pages.get(page.file.src_uri)
            if spec is not None:
                return renderer.page(spec)
            for name, fragment in self.fragments.items():
                if placeholders.marker(name) in html:
                    html = html.replace(placeholders.marker(name), renderer.fragment(fragment, page.file.src_uri))
            return html
        except mso_config.ConfigError as exc:
            raise PluginError(str(exc)) from None

    def on_post_build(self, config):
        post_build(self.site, Path(config.site_dir))
        try:
            # While previewing, the page reloads at once and the search index follows a moment later.
            self.indexing = search.start_index(Path(config.site_dir), skip=unsearched_folders())
            if not self.serving:
                self.indexing.finish()
        except search.SearchIndexError as exc:
            raise PluginError(str(exc)) from None

    def on_shutdown(self):
        if self.indexing is not None:
            self.indexing.stop()


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


_build = _Build()
on_startup = _build.on_startup
on_config = _build.on_config
on_files = _build.on_files
on_page_markdown = _build.on_page_markdown
on_page_content = _build.on_page_content
on_post_build = _build.on_post_build
on_shutdown = _build.on_shutdown
