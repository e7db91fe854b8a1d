"""A full disk where a test wants one: the temporary file of every write into ``folder`` fails
with ENOSPC, where a real full disk fails."""

import errno
from pathlib import Path


def fill_disk_of(monkeypatch, folder: Path) -> None:
    import forms.fileio as fileio
    real = fileio._write_temp

    def full(path, data):
        if Path(path).parent == Path(folder):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, data)
    monkeypatch.setattr(fileio, "_write_temp", full)
