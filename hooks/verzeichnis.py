"""MkDocs hook for the MSO-Verzeichnis: event functions only, the work is done by `mso`.

load → validate → Directory in on_config, generated pages and files in on_files,
live values in hand-written pages in on_page_markdown, the PDF in on_post_build.
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
from mso import placeholders
from mso.pipeline import load_directory
from mso.problems import DataError
from mso.views import Renderer, all_outputs, post_build

log = get_plugin_logger("verzeichnis")
_build: dict = {}


def on_config(config):
    root = Path(config.config_file_path).parent
    try:
        settings = mso_config.from_mapping(config.extra.get("verzeichnis"), root, site_url=config.site_url or "")
        _pin_build_date(settings.stichtag)
        directory = load_directory(settings)
    except mso_config.ConfigError as exc:
        raise PluginError(str(exc)) from None
    except DataError as exc:
        for problem in exc.problems:
            log.error(str(problem))
        raise PluginError(f"{len(exc.problems)} Problem(e) in den Vereinsdaten, siehe oben. Die Website wurde "
                          "nicht gebaut, damit keine halb geprüften Daten erscheinen.") from None
    _build.update(directory=directory, renderer=Renderer(directory, settings), values=placeholders.values(directory))
    log.info(f"{directory.counts.veroeffentlicht} von {directory.counts.erfasst} Vereinen werden veröffentlicht "
             f"(Stichtag {settings.stichtag.isoformat()}).")
    return config


def on_files(files, config):
    in_nav = _nav_paths(config.nav)
    for output in all_outputs(_build["directory"], _build["renderer"]):
        if files.get_file_from_path(output.path) is not None:
            raise PluginError(f"docs/{output.path} gibt es schon; diese Datei wird aus den Daten erzeugt. "
                              "Löschen oder verschieben Sie die handgeschriebene Datei.")
        inclusion = InclusionLevel.UNDEFINED if not output.is_page or output.path in in_nav \
            else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, output.path, content=output.content, inclusion=inclusion))
    return files


def on_page_markdown(markdown, page, config, files):
    if page.file.generated_by is not None:
        return markdown
    return placeholders.fill(markdown, _build["values"], lambda name: log.error(
        f"docs/{page.file.src_uri}: `{{{{ verzeichnis.{name} }}}}` gibt es nicht. "
        f"Bekannt sind: {', '.join(sorted(_build['values']))}."))


def on_post_build(config):
    post_build(_build["directory"], _build["renderer"], Path(config.site_dir))


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
