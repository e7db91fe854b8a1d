"""Windows that fit the screen they open on: a 1366 × 768 office laptop, less its taskbar, is
smaller than the sizes the main window and the print preview would like; a 1920 × 1080 monitor
has room for more of the widest table."""

from __future__ import annotations

# A title bar and borders, in pixels, on Windows, UOS and 麒麟 alike: the window manager's frame is
# not known before a window is shown, so room is left for it.
FRAME_ALLOWANCE = (16, 48)


def fitted_size(widget, width: int, height: int) -> tuple[int, int]:
    """``width`` × ``height``, or less where the available area of the widget's screen (without the
    taskbar or panels) is smaller."""
    screen = widget.screen()
    if screen is None:
        return width, height
    area = screen.availableGeometry()
    return min(width, area.width() - FRAME_ALLOWANCE[0]), min(height, area.height() - FRAME_ALLOWANCE[1])


# On a large screen the first window takes this share of it, up to the size that shows the widest
# table (表四, 15 columns) without scrolling and the docks beside it.
SCREEN_SHARE = 0.9
ROOMY_SIZE = (1760, 1000)


def roomy_size(widget, width: int, height: int) -> tuple[int, int]:
    """At least ``width`` × ``height``; more on a screen with room for it (:data:`SCREEN_SHARE`
    of its available area, up to :data:`ROOMY_SIZE`); less only where the screen is smaller."""
    screen = widget.screen()
    if screen is not None:
        area = screen.availableGeometry()
        width = max(width, min(ROOMY_SIZE[0], int(area.width() * SCREEN_SHARE)))
        height = max(height, min(ROOMY_SIZE[1], int(area.height() * SCREEN_SHARE)))
    return fitted_size(widget, width, height)


def fit_and_centre(widget, width: int, height: int) -> None:
    """Resizes a top-level window with :func:`fitted_size` and centres it, frame included, on its screen."""
    width, height = fitted_size(widget, width, height)
    widget.resize(width, height)
    screen = widget.screen()
    if screen is not None:
        area = screen.availableGeometry()
        widget.move(area.x() + (area.width() - width - FRAME_ALLOWANCE[0]) // 2,
                    area.y() + (area.height() - height - FRAME_ALLOWANCE[1]) // 2)
