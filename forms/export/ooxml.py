"""What the .docx and .xlsx writers share: reproducible zip packages and safe XML text.

Office files are zip packages; python-docx and openpyxl stamp each entry with the current time,
so the same report would give different bytes on every export.  :func:`normalise_zip` rewrites a
package with fixed timestamps and a fixed entry order, so the same report gives the same file.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.sax.saxutils import escape

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
# Characters XML 1.0 cannot carry (pasted from Word: vertical tab, form feed, other controls; a
# lone surrogate from a damaged document, which the report file keeps as it was typed).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Text safe in an XML part: control characters a clerk may paste are dropped."""
    return _INVALID_XML.sub("", text)


def clean_properties(properties) -> tuple[str, str, str]:
    """Title, author and subject for a package's core properties, which the XML libraries refuse
    whole (an exception, no file) for one bad character of the agency's name."""
    return clean_text(properties.title), clean_text(properties.author), clean_text(properties.subject)


def xml_text(text: str) -> str:
    return escape(clean_text(text), {'"': "&quot;"})


def normalise_zip(data: bytes, replace: dict[str, bytes] | None = None) -> bytes:
    """The package with fixed entry timestamps and order ([Content_Types].xml, then the package
    relationships, then the rest by name); ``replace`` swaps the content of named entries."""
    replace = replace or {}
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        entries = {name: src.read(name) for name in src.namelist()}
    entries.update({k: v for k, v in replace.items() if k in entries})
    first = [n for n in ("[Content_Types].xml", "_rels/.rels") if n in entries]
    order = first + sorted(n for n in entries if n not in first)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in order:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0   # the same header bytes on Windows and Linux
            dst.writestr(info, entries[name])
    return out.getvalue()


def mm_to_twips(mm: float) -> int:
    return int(round(mm * 1440 / 25.4))


def pt_to_twips(pt: float) -> int:
    return int(round(pt * 20))
