"""Which font profile prints the report, and telling the clerk once which of its faces are missing.

Licensed fonts are never shipped (layout.md): where the machine lacks a face of the chosen profile,
print and PDF use a stand-in (the other profile's face, then Noto CJK SC).  The clerk is told once
which faces are missing and what stands in for them; the settings remember what was told, so the
notice comes back only when the profile or the set of missing faces changes.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from forms.fonts import DEFAULT_PROFILE, FontProfile, FontProfileError, get_profile, profile_names

from .qt_fonts import missing_fonts, stands_in_bold, substitute_for
from .settings import app_settings

PROFILE_KEY = "fonts/profile"
BOLD_LEVEL3_KEY = "fonts/bold_level3"
TOLD_KEY = "fonts/told_missing/{profile}"


def chosen_profile() -> FontProfile:
    """The profile the clerk chose (settings), the national default when none or an unknown one."""
    name = str(app_settings().value(PROFILE_KEY, DEFAULT_PROFILE) or DEFAULT_PROFILE)
    try:
        return get_profile(name if name in profile_names() else DEFAULT_PROFILE)
    except FontProfileError:
        return get_profile(DEFAULT_PROFILE)


def set_chosen_profile(name: str) -> None:
    get_profile(name)            # refuses an unknown name (FontProfileError, Chinese message)
    settings = app_settings()
    settings.setValue(PROFILE_KEY, name)
    settings.sync()


def chosen_bold_level3() -> bool:
    """Whether 「1.」 headings print bold (local practice, not GB/T 9704: off unless chosen)."""
    return str(app_settings().value(BOLD_LEVEL3_KEY, "false")).lower() in ("true", "1")


def set_bold_level3(on: bool) -> None:
    settings = app_settings()
    settings.setValue(BOLD_LEVEL3_KEY, "true" if on else "false")
    settings.sync()


def missing_fonts_message(profile: FontProfile) -> str | None:
    """What to tell the clerk about the profile's missing faces, or None when none is missing."""
    missing = missing_fonts(profile)
    if not missing:
        return None
    lines = []
    for family in missing:
        stand_in = substitute_for(family, profile)
        roles = [r for r, f in profile.families.items() if f == family]
        bold = any(stands_in_bold(r, profile) for r in roles)
        lines.append(f"　{family} → {stand_in}{'（加粗）' if bold else ''}")
    return (f"本机缺少字体方案“{profile.label}”中的 {len(missing)} 种字体，打印和 PDF 暂用替代字体：\n"
            + "\n".join(lines)
            + "\n\n版面（页边距、行数、页码）不受影响。导出的 Word 文件仍写明规定的字体，"
              "在装有这些字体的电脑上打开或打印即为规定字体。")


def notify_missing_fonts(parent, profile: FontProfile) -> bool:
    """Shows the missing-font notice once per profile and set of missing faces; True if shown."""
    message = missing_fonts_message(profile)
    if message is None:
        return False
    told_key = TOLD_KEY.format(profile=profile.name)
    signature = "|".join(missing_fonts(profile))
    settings = app_settings()
    if settings.value(told_key, "") == signature:
        return False
    QMessageBox.information(parent, "字体提示", message)
    settings.setValue(told_key, signature)
    settings.sync()
    return True
