"""Windows that fit the screen they open on: a 1366 × 768 office laptop, less its taskbar, is
smaller than the sizes the main window and the print preview would like."""

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


def fit_and_centre(widget, width: int, height: int) -> None:
    """Resizes a top-level window with :func:`fitted_size` and centres it, frame included, on its screen."""
    width, height = fitted_size(widget, width, height)
    widget.resize(width, height)
    screen = widget.screen()
    if screen is not None:
        area = screen.availableGeometry()
        widget.move(area.x() + (area.width() - width - FRAME_ALLOWANCE[0]) // 2,
                    area.y() + (area.height() - height - FRAME_ALLOWANCE[1]) // 2)
