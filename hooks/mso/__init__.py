"""MSO-Verzeichnis: profile files → validated Directory → site views.

Importable and testable without MkDocs; `hooks/verzeichnis.py` is the thin MkDocs adapter.
"""

__version__ = "0.1.0"
