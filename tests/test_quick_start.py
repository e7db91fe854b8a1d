"""The README's quick start installs every system library the window needs on a minimal Debian:
the libraries .ci/run installs for Qt (found missing there with ldd), less the test tools."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEST_ONLY = {"xvfb", "xauth", "libreoffice-writer-nogui", "libreoffice-calc-nogui", "poppler-utils",
             "binutils", "libpython3-dev", "libx11-6", "libfreetype6"}   # the last two: pulled in anyway


def _packages(command: str) -> set[str]:
    return {word for word in command.split() if re.fullmatch(r"[a-z0-9][a-z0-9.+-]+", word)
            and word not in ("sudo", "apt-get", "install")}


def test_readme_installs_what_ci_installs_for_qt():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = next(line for line in readme.splitlines() if line.startswith("sudo apt-get install"))
    quick = quick.split("&&")[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    ci_install = re.search(r"apt-get install -y -q --no-install-recommends \\\n(.*?)>/dev/null", ci, re.S).group(1)
    needed = _packages(ci_install.replace("\\", " ")) - TEST_ONLY
    assert needed and needed <= _packages(quick), sorted(needed - _packages(quick))
