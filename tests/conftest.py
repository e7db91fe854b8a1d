"""Shared test setup: Qt offscreen before anything imports Qt, and a private user data folder."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory, monkeypatch):
    """Every test gets its own user data folder (extra editions, recovery copies, logs)."""
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path_factory.mktemp("userdata")))
    from forms.edition import clear_cache
    clear_cache()
    yield
    clear_cache()
