"""Qt fonts for the report's text roles: the profile's face, its alternatives, then Noto CJK SC.

Qt's own fallback picks the Japanese face of Noto CJK for Chinese text (toolchain.md), so the
Simplified Chinese faces are always named explicitly as the last resort.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

from forms.fonts import DEFAULT_PROFILE, FontProfile, get_profile, missing_families, profile_names

SANS_ROLES = ("heading1", "attachment_label", "table_header")
SERIF_FALLBACK = "Noto Serif CJK SC"
SANS_FALLBACK = "Noto Sans CJK SC"


def fallback_for(role: str) -> str:
    return SANS_FALLBACK if role in SANS_ROLES else SERIF_FALLBACK


def families_for(role: str, profile: FontProfile) -> list[str]:
    """The families to try for a role, best first: the profile's, the other profiles', Noto SC."""
    out = [profile.latin, profile.family(role)]
    for name in profile_names():
        if name != profile.name:
            out.append(get_profile(name).family(role))
    out.append(fallback_for(role))
    return list(dict.fromkeys(out))


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


def missing_fonts(profile: FontProfile) -> list[str]:
    """The faces of a profile this machine lacks (Times New Roman included)."""
    return missing_families(profile, installed_families())


def substitute_for(family: str, profile: FontProfile) -> str:
    """What is printed instead of a missing face: the first installed alternative for its role."""
    have = {f.casefold() for f in installed_families()}
    for role, name in profile.families.items():
        if name == family:
            for candidate in families_for(role, profile)[1:]:
                if candidate.casefold() in have:
                    return candidate
            return fallback_for(role)
    return SERIF_FALLBACK
