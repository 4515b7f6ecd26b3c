# Two commands do all of it:  make site  (build the website into site/)  and  make test  (run every test).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Which city: its mkdocs.yml (e.g. MSO_CONFIG=examples/musterstadt/mkdocs.yml make site). The site goes to site/.
MSO_CONFIG ?= mkdocs.yml
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve validate uebersetzungen properdocs bench lock clean

site: $(STAMP)
	$(BIN)/mkdocs build --strict -f $(MSO_CONFIG) -d $(CURDIR)/site

test: $(STAMP)
	$(BIN)/python tests/browser/find_chromium.py --install
	$(BIN)/python -m pytest

serve: $(STAMP)
	MSO_PDF=$${MSO_PDF:-0} $(BIN)/mkdocs serve -f $(MSO_CONFIG) --dev-addr 127.0.0.1:8000

validate: $(STAMP)
	$(BIN)/mso --config $(MSO_CONFIG) validate

# Translations (README, "Sprachen"): collect every marked string into the templates hooks/mso/locales/mso.pot
# and schema/locales/schema.pot, then update each language's catalog. NEU=xx starts a new language's catalogs.
uebersetzungen: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -o hooks/mso/locales/mso.pot --project=MSO-Verzeichnis --no-wrap \
	  --sort-by-file -k plurals:1,2 \
	  --copyright-holder="MSO-Verzeichnis (EUPL-1.2)" --omit-header . >/dev/null
	$(BIN)/pybabel extract -F schema/babel.cfg -o schema/locales/schema.pot --project=MSO-Verzeichnis --no-wrap \
	  --sort-by-file --omit-header schema >/dev/null
	@if [ -n "$(NEU)" ]; then for catalog in hooks/mso/locales/mso schema/locales/schema; do \
	  dir=$${catalog%/*}; domain=$${catalog##*/}; po=$$dir/$(NEU)/LC_MESSAGES/$$domain.po; \
	  if [ ! -f $$po ]; then $(BIN)/pybabel init -i $$dir/$$domain.pot -d $$dir -D $$domain -l $(NEU) --no-wrap \
	    && sed -i '1a # Geprüft von:' $$po || exit 1; fi; done; fi
	$(BIN)/pybabel update -i hooks/mso/locales/mso.pot -d hooks/mso/locales -D mso --no-wrap --ignore-obsolete \
	  --no-fuzzy-matching
	$(BIN)/pybabel update -i schema/locales/schema.pot -d schema/locales -D schema --no-wrap --ignore-obsolete \
	  --no-fuzzy-matching

# Build time, memory, site size and search at 100, 1,000 and 10,000 synthetic profiles against plain Markdown
# pages (bench/run.py; several minutes; writes bench/results.md). Not part of `make test`.
bench: $(STAMP)
	$(BIN)/python tests/browser/find_chromium.py --install
	$(BIN)/python bench/run.py

# The same site built by ProperDocs, the maintained fork of MkDocs 1.x (docs/technik.md).
properdocs: $(STAMP)
	$(BIN)/properdocs build --strict -f $(MSO_CONFIG) -d $(CURDIR)/site

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Python 3.11 oder neuer wird gebraucht (gefunden: $$($(PYTHON) --version 2>&1))."; \
	    echo "Geben Sie ein anderes an, z. B.: make PYTHON=python3.12 site"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

# After editing requirements.in: pin the new set exactly.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet -r requirements.in
	{ echo "# Exact versions of every package, direct and indirect. Regenerate with \`make lock\` after editing requirements.in."; \
	  .venv-lock/bin/python -m pip freeze; } > requirements.txt
	rm -rf .venv-lock

clean:
	rm -rf site .venv .pytest_cache .hypothesis
