"""Chinese throughout: Qt's own dialogs translated, and a Chinese UI font named explicitly.

Qt's automatic fallback picks the Japanese face of Noto CJK for Chinese text, so the simplified
Chinese faces are named first-hand, Windows and Linux ones alike.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

UI_FONTS = ("Microsoft YaHei UI", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
            "PingFang SC", "WenQuanYi Micro Hei", "SimSun", "Noto Sans")
TRANSLATIONS = ("qtbase_zh_CN",)
MIN_POINT_SIZE = 10


def ui_font(base: QFont | None = None) -> QFont:
    font = QFont(base) if base is not None else QFont()
    available = set(QFontDatabase.families())
    families = [f for f in UI_FONTS if f in available] or list(UI_FONTS)
    font.setFamilies(families)
    if font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
    # Widths must not depend on the scale factor, or text measured for a table row at 100 %
    # wraps differently when painted at 150–200 %: no horizontal hinting.
    font.setHintingPreference(QFont.HintingPreference.PreferVerticalHinting)
    return font


def install_translations(app: QApplication) -> list[str]:
    """Loads Qt's Chinese translations from the PySide6 wheel; returns the names loaded."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = []
    keep = getattr(app, "_nianbao_translators", [])
    from .translation_gaps import TranslationGaps
    gaps = TranslationGaps(app)        # installed first: asked only for what the catalogues lack
    app.installTranslator(gaps)
    keep.append(gaps)
    for name in TRANSLATIONS:
        translator = QTranslator(app)
        if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), name, "_", folder) \
                or translator.load(f"{name}", folder):
            app.installTranslator(translator)
            keep.append(translator)
            gaps.catalogues.append(translator)
            loaded.append(name)
    from .translation_gaps import PreferredWords
    words = PreferredWords(app)        # installed last: asked first
    app.installTranslator(words)
    keep.append(words)
    app._nianbao_translators = keep
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return loaded


def apply_style(app: QApplication) -> None:
    app.setFont(ui_font(app.font()))
