"""The size of the built bundle vs a bare PySide6 window built with the same spec options.

Builds both with build.spec (``-- --bare`` for the baseline) unless ``--no-build`` and they are
in dist/ already.  Sizes are the bytes of the files (symlinks count nothing), and of the folder
packed as a .zip (what is copied over the office network).

    python3 bench/size.py [--no-build]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from _common import DIST, ROOT, Row, report

TARGET_RATIO = 1.15
MB = 1_000_000


def build(dist: Path = DIST) -> None:
    for extra in ([], ["--", "--bare"]):
        with tempfile.TemporaryDirectory() as work:
            subprocess.run([sys.executable, "-m", "PyInstaller", "build.spec", "--noconfirm", "--log-level", "ERROR",
                            "--distpath", str(dist), "--workpath", work, *extra], cwd=ROOT, check=True,
                           stdout=sys.stderr)     # stdout is the Markdown table


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def zipped_bytes(folder: Path) -> int:
    with tempfile.TemporaryFile() as fh:
        with zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
            for p in sorted(folder.rglob("*")):
                if p.is_file() and not p.is_symlink():
                    z.write(p, p.relative_to(folder.parent))
        return fh.tell()


# Where the bytes are; the first group whose key is in a file's path takes the file.
GROUPS = (("ICU", ("libicu",)),
          ("Qt and PySide6", ("PySide6", "libQt6", "libpyside6", "libshiboken6", "shiboken6")),
          ("python-docx, openpyxl, lxml", ("docx", "openpyxl", "lxml", "et_xmlfile")),
          ("Python", ("libpython", "python3", "base_library.zip")))


def parts(folder: Path) -> dict[str, int]:
    out = {name: 0 for name, _ in GROUPS} | {"other": 0}
    for p in folder.rglob("*"):
        if p.is_file() and not p.is_symlink():
            rel = p.relative_to(folder).as_posix()
            group = next((name for name, keys in GROUPS if any(k in rel for k in keys)), "other")
            out[group] += p.stat().st_size
    return out


def measure(do_build: bool = True) -> list[Row]:
    app, bare = DIST / "nianbao", DIST / "bare-window"
    if do_build or not (app.is_dir() and bare.is_dir()):
        build()
    a, b = folder_bytes(app), folder_bytes(bare)
    za, zb = zipped_bytes(app), zipped_bytes(bare)
    split = ", ".join(f"{k} {v / MB:.1f}" for k, v in parts(app).items())
    return [
        Row(f"bundle size ({sys.platform}, onedir)", a / MB, "MB", b / MB, f"≤ {TARGET_RATIO}× bare",
            a <= TARGET_RATIO * b, f"of which (MB): {split}"),
        Row("bundle packed as .zip", za / MB, "MB", zb / MB, "", None),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="measure dist/ as it is, if both are there")
    report(measure(not parser.parse_args().no_build))


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
