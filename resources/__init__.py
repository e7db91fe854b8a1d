"""Files the application ships: the reference .docx, the demo report, icons, translations."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    return ROOT.joinpath(*parts)
