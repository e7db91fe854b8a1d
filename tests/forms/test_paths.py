"""The cheap question every start asks: are there recovery copies at all?"""

from forms.paths import RECOVERY_SUFFIX, has_recovery_files, recovery_dir


def test_no_folder_means_no_recovery_files():
    assert not recovery_dir().exists()
    assert has_recovery_files() is False


def test_other_files_in_the_folder_are_not_recovery_files():
    recovery_dir().mkdir(parents=True)
    (recovery_dir() / "notes.txt").write_text("x", encoding="utf-8")
    (recovery_dir() / f"sub{RECOVERY_SUFFIX}.bak").write_text("x", encoding="utf-8")
    assert has_recovery_files() is False


def test_a_copy_is_seen():
    recovery_dir().mkdir(parents=True)
    (recovery_dir() / f"20261127-host-1-1{RECOVERY_SUFFIX}").write_text("{}", encoding="utf-8")
    assert has_recovery_files() is True
