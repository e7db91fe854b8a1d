"""Golden files of exported packages: the XML parts that define the layout, pretty-printed.

A golden test compares the parts of a fresh export with tests/data/golden/<name>/<part>.
After an intended change of the output, regenerate them and review the diff::

    NIANBAO_UPDATE_GOLDEN=1 python3 -m pytest -q tests/forms/test_docx.py tests/forms/test_xlsx.py
    git diff tests/data/golden

Volatile parts (docProps: application versions) are not compared.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from lxml import etree

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden"
UPDATE = os.environ.get("NIANBAO_UPDATE_GOLDEN") == "1"


def pretty(xml: bytes) -> str:
    root = etree.fromstring(xml)
    return etree.tostring(root, pretty_print=True, encoding="unicode")


def parts_of(data: bytes, names) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        present = zf.namelist()
        return {n: pretty(zf.read(n)) for n in present if any(n == p or (p.endswith("*") and n.startswith(p[:-1]))
                                                               for p in names)}


def check_golden(name: str, data: bytes, names) -> None:
    """Every named part equals its golden copy (or, with NIANBAO_UPDATE_GOLDEN=1, becomes it)."""
    parts = parts_of(data, names)
    assert parts, f"none of {names} in the package"
    folder = GOLDEN / name
    if UPDATE:
        for part, text in parts.items():
            target = folder / part
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        return
    stored = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert stored == sorted(parts), f"parts differ from the golden set in {folder} (regenerate: see {__file__})"
    for part, text in parts.items():
        expected = (folder / part).read_text(encoding="utf-8")
        assert text == expected, f"{name}/{part} differs from its golden copy (regenerate: see {__file__})"
