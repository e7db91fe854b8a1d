"""Every window of the application carries the nianbao icon."""

import sys

from desktop.app import app_icon, create_application


def test_the_icon_loads_at_the_sizes_it_is_shown(qapp):
    icon = app_icon()
    assert not icon.isNull()
    for side in (16, 32, 256):
        assert icon.pixmap(side, side).width() == side


def test_the_application_gives_its_windows_the_icon(qapp):
    old = sys.excepthook            # create_application installs the error dialog's hook
    try:
        app = create_application([])
        assert not app.windowIcon().isNull()
        assert app.windowIcon().pixmap(32, 32).toImage() == app_icon().pixmap(32, 32).toImage()
    finally:
        sys.excepthook = old
