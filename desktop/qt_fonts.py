"""Qt fonts for the report's text roles: the profile's face, its alternatives, then Noto CJK SC.

Qt's own fallback picks the Japanese face of Noto CJK for Chinese text (toolchain.md), so the
Simplified Chinese faces are always named explicitly as the last resort.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QFont, QFontDatabase

from forms.document import TextStyle
from forms.fonts import DEFAULT_PROFILE, FontProfile, get_profile, missing_families, profile_names

SANS_ROLES = ("heading1", "attachment_label", "table_header")
SERIF_FALLBACK = "Noto Serif CJK SC"
SANS_FALLBACK = "Noto Sans CJK SC"
# Metric-compatible stand-ins for the Latin face, so digits keep Times New Roman's widths (and
# lines break where Word's do) on machines without it.
LATIN_SUBSTITUTES = {"Times New Roman": ("Liberation Serif", "Tinos", "Nimbus Roman", "Times")}


def fallback_for(role: str) -> str:
    return SANS_FALLBACK if role in SANS_ROLES else SERIF_FALLBACK


def east_asian_families(east_asia: str, role: str, profile: FontProfile) -> list[str]:
    """For Chinese text and full-width punctuation: the face, the other profiles', Noto SC."""
    out = [east_asia]
    for name in profile_names():
        if name != profile.name:
            out.append(get_profile(name).family(role))
    out.append(fallback_for(role))
    return list(dict.fromkeys(out))


def latin_families(latin: str, east_asia: str, role: str, profile: FontProfile) -> list[str]:
    """For digits and Latin letters: the Latin face, its stand-ins, then the East Asian chain."""
    out = [latin, *LATIN_SUBSTITUTES.get(latin, ()), *east_asian_families(east_asia, role, profile)]
    return list(dict.fromkeys(out))


def families_for(role: str, profile: FontProfile) -> list[str]:
    """Mixed text (the editor): Qt takes each character from the first family that has it, so
    Latin first gives digits the Latin face and Chinese the East Asian one."""
    return latin_families(profile.latin, profile.family(role), role, profile)


def style_families(style: TextStyle, profile: FontProfile, role: str, latin: bool = True) -> list[str]:
    """The families for a document style (forms.document.TextStyle), for Latin or Chinese text."""
    if latin:
        return latin_families(style.latin, style.east_asia, role, profile)
    return east_asian_families(style.east_asia, role, profile)


def role_font(role: str, point_size: float, profile: FontProfile | None = None) -> QFont:
    """A font for a text role; Latin letters and digits come from the profile's Latin face."""
    profile = profile or get_profile(DEFAULT_PROFILE)
    font = QFont()
    font.setFamilies(families_for(role, profile))
    font.setPointSizeF(point_size)
    if role in profile.bold:
        font.setBold(True)
    return font


def installed_families() -> list[str]:
    return list(QFontDatabase.families())


@lru_cache(maxsize=1)
def _installed_casefolded() -> frozenset[str]:
    # Asked for every table cell while printing: the font list is read once per session.
    return frozenset(f.casefold() for f in installed_families())


def is_installed(family: str) -> bool:
    return family.casefold() in _installed_casefolded()


def stands_in_bold(role: str, profile: FontProfile) -> bool:
    """A heavy face (方正小标宋) that the machine lacks is printed bold in its stand-in, as the
    other profiles print their lighter face (宋体) bold for that role."""
    if is_installed(profile.family(role)):
        return False
    return any(role in get_profile(name).bold for name in profile_names() if name != profile.name)


def missing_fonts(profile: FontProfile) -> list[str]:
    """The faces of a profile this machine lacks (Times New Roman included)."""
    return missing_families(profile, installed_families())


def substitute_for(family: str, profile: FontProfile) -> str:
    """What is printed instead of a missing face: the first installed alternative."""
    if family == profile.latin:
        chain = latin_families(family, profile.family("body"), "body", profile)
    else:
        role = next((r for r, name in profile.families.items() if name == family), "body")
        chain = east_asian_families(family, role, profile)
    return next((f for f in chain[1:] if is_installed(f)), chain[-1])
