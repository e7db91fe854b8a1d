"""Importing tables from a spreadsheet or from the JSON of ``nianbao show --json``.

:func:`import_file` returns an :class:`ImportResult`: the new report and the notes a clerk must
read (values not placed, official rows not found, totals and labels that differ, blanks); it
raises :class:`ImportRefused` for a source that cannot be used at all.
"""

from __future__ import annotations

from pathlib import Path

from ..edition import Edition, get_edition
from .result import NOTE_KINDS, ImportRefused, ImportResult, Note

__all__ = ["check_file", "import_file", "import_text", "ImportRefused", "ImportResult", "Note", "NOTE_KINDS"]


def _edition(edition) -> Edition:
    return get_edition(edition) if isinstance(edition, str) else edition


def import_file(path, edition, year: int, agency: str = "", sheets: list[str] | None = None) -> ImportResult:
    """Imports an .xlsx workbook or a JSON cell list, told apart by content, not by name."""
    path = Path(path)
    edition = _edition(edition)
    if _is_json(path):
        from .jsonlist import import_records, read_json_records
        return import_records(read_json_records(path), edition, year, agency, str(path))
    from .xlsx import import_xlsx
    return import_xlsx(path, edition, year, agency, sheets)


def check_file(path) -> None:
    """Raises ImportRefused for a file that is no workbook to read (an .xls, a WPS .et, a damaged
    or encrypted one), before the clerk is asked anything else about it; cheap, reads no cells."""
    path = Path(path)
    if not _is_json(path):
        from .package import check_xlsx
        check_xlsx(path)


def import_text(text: str, edition, year: int, agency: str = "", source: str = "") -> ImportResult:
    """Imports a JSON cell list given as text (``nianbao show --json | nianbao import -``)."""
    from .jsonlist import import_records, read_json_records
    return import_records(read_json_records(None, text), _edition(edition), year, agency, source)


def _is_json(path: Path) -> bool:
    if path.suffix.lower() == ".json":
        return True
    try:
        with open(path, "rb") as fh:
            head = fh.read(64)
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"[", b"{")
