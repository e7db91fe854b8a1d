"""The .nianbao file: save → load is the identity; every damaged file is refused with a clear
message and left as it was; saves are atomic, keep a .bak, refuse to overwrite others' changes,
and survive being killed at any moment.
"""

import errno
import json
import multiprocessing
import os
import random
import signal
import stat
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms import fileio
from forms.demo import demo_report
from forms.edition import get_edition
from forms.fileio import WriteError, atomic_write
from forms.report import Report
from forms.storage import (MAX_FILE_SIZE, VERSION, ConflictError, FileFormatError, dumps, loads,
                           read_report, report_to_dict, save_report)

ROOT = Path(__file__).resolve().parents[2]


def _good(eid="2021") -> Report:
    report = Report.new(eid, 2024 if eid == "2021" else 2020, "某县人民政府")
    report.fill_blanks_with_zero()
    cells = [c for c in report.edition.cells.values() if not c.computed]
    report.set_many({c.id: (Decimal("12.5") if c.kind == "money" else 3) for c in cells[:5]})
    report.set_text_of("s1", "一、总体情况的正文。")
    return report


def _saved(tmp_path, report=None, name="r.nianbao") -> Path:
    path = tmp_path / name
    save_report(report or _good(), path)
    return path


def _same_report(a: Report, b: Report):
    assert report_to_dict(a) == report_to_dict(b)
    assert a.values() == b.values()
    assert dumps(a) == dumps(b)


# ----------------------------------------------------------------------------- identity

def test_round_trip_of_the_demo(tmp_path):
    report = demo_report()
    path = _saved(tmp_path, report)
    again, digest = read_report(path)
    _same_report(report, again)
    assert len(digest) == 64


@st.composite
def reports(draw):
    eid = draw(st.sampled_from(["2021", "2019", "2014"]))
    edition = get_edition(eid)
    report = Report.new(edition, draw(st.integers(min_value=2008, max_value=2100)),
                        draw(st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=30)).strip())
    for cell in edition.cells.values():
        if cell.computed or draw(st.booleans()):
            continue
        if cell.kind == "money":
            value = draw(st.decimals(min_value=0, max_value=10 ** 9 - 1, places=6, allow_nan=False, allow_infinity=False))
        elif cell.kind == "signed":
            value = draw(st.integers(min_value=-(10 ** 9 - 1), max_value=10 ** 9 - 1))
        else:
            value = draw(st.integers(min_value=0, max_value=10 ** 9 - 1))
        report.set_value(cell.id, value)
    for section in edition.sections:
        report.set_text_of(section.id, draw(st.text(max_size=60)))
        if draw(st.booleans()):
            report.set_heading(section.id, draw(st.text(max_size=20)))
    report.meta.phone = draw(st.sampled_from(["", "0392-2667139", "（0591）12345678转8001"]))
    report.meta.fill_date = draw(st.sampled_from(["", "2026-01-20", "2024-02-29"]))
    totals = [c for c in edition.cells.values() if c.computed]
    for cell in draw(st.lists(st.sampled_from(totals), max_size=3, unique_by=lambda c: c.id)):
        report.declared[cell.id] = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=10 ** 6)))
    report.reviews.update(draw(st.dictionaries(st.text(min_size=1, max_size=10), st.text(max_size=10), max_size=2)))
    report.published_labels.update(draw(st.dictionaries(st.text(min_size=1, max_size=10),
                                                        st.one_of(st.none(), st.text(max_size=10)), max_size=2)))
    return report


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports())
def test_save_then_load_is_the_identity(report):
    text = dumps(report)
    again = loads(text)
    _same_report(report, again)
    assert dumps(again) == text


def test_text_with_lone_surrogates_survives(tmp_path):
    report = _good()
    report.set_text_of("s1", "前\ud800后")
    path = _saved(tmp_path, report)
    assert read_report(path)[0].text("s1") == "前\ud800后"


def test_file_is_readable_json_with_the_documented_keys(tmp_path):
    data = json.loads(_saved(tmp_path).read_text(encoding="utf-8"))
    assert set(data) == {"format", "version", "edition", "meta", "values", "declared", "narrative",
                         "published_labels", "reviews"}
    assert (data["format"], data["version"], data["edition"]) == ("nianbao", VERSION, "2021")
    assert "t3:total:total" not in data["values"]          # computed cells are never stored
    assert data["values"]["t2:fee:amount"] == 0 and data["values"]["t2:rules:issued"] == 3


# ----------------------------------------------------------------------------- faults

def _data(tmp_path):
    return json.loads(_saved(tmp_path).read_text(encoding="utf-8"))


def _with(**changes):
    def fn(data):
        for dotted, value in changes.items():
            target = data
            *parents, last = dotted.split("/")
            for p in parents:
                target = target[p]
            if value is KeyError:
                del target[last]
            else:
                target[last] = value
        return json.dumps(data, ensure_ascii=False).encode("utf-8")
    return fn


FAULTS = [
    # name, how to damage the data (bytes or a function of the saved JSON), words in the message
    ("empty", b"", "文件是空的"),
    ("only white space", b"  \n\t ", "文件是空的"),
    ("not json", "这不是 JSON".encode("utf-8"), "已损坏或不完整"),
    ("not utf-8", "年报".encode("gb18030") + b"\xff\xfe", "不是 UTF-8"),
    ("utf-16", json.dumps({"format": "nianbao"}).encode("utf-16"), "不是 UTF-8"),
    ("top level list", b"[1, 2]", "这不是年报文件"),
    ("another program's json", b'{"name": "x"}', "这不是年报文件"),
    ("missing version", _with(version=KeyError), "缺少有效的格式版本号"),
    ("version text", _with(version="2"), "缺少有效的格式版本号"),
    ("version bool", _with(version=True), "缺少有效的格式版本号"),
    ("version zero", _with(version=0), "缺少有效的格式版本号"),
    ("version decimal", b'{"format": "nianbao", "version": 2.0}', "缺少有效的格式版本号"),
    ("newer version", _with(version=VERSION + 1), "更新版本的年报程序"),
    ("unknown edition", _with(edition="2031"), "本机没有的版式“2031”"),
    ("edition missing", _with(edition=KeyError), "没有写明版式"),
    ("meta missing", _with(meta=KeyError), "缺少封面信息"),
    ("year missing", _with(**{"meta/year": KeyError}), "缺少报告年度"),
    ("year text", _with(**{"meta/year": "去年"}), "报告年度"),
    ("year too early", _with(**{"meta/year": 1999}), "2008 年"),
    ("agency not text", _with(**{"meta/agency": 5}), "机关全称应为文字"),
    ("agency with newline", _with(**{"meta/agency": "甲\n乙"}), "不能换行"),
    ("bad date", _with(**{"meta/fill_date": "2026-13-01"}), "不是有效的日期"),
    ("unknown meta", _with(**{"meta/colour": "red"}), "未知项“colour”"),
    ("values not object", _with(values=[1, 2]), "“values”应为对象"),
    ("narrative not object", _with(narrative=["一、总体情况"]), "“narrative”应为对象"),
    ("unknown cell", _with(**{"values/t3:new:robots": 1}), "没有单元格“t3:new:robots”"),
    ("computed cell", _with(**{"values/t3:total:total": 1}), "自动计算的合计"),
    ("text value", _with(**{"values/t3:new:natural": "abc"}), "表三 一、本年新收政府信息公开申请数量 / 自然人"),
    ("negative count", _with(**{"values/t3:new:natural": -1}), "不能为负数"),
    ("decimal count", _with(**{"values/t3:new:natural": 1.5}), "只能填非负整数"),
    ("bool value", _with(**{"values/t3:new:natural": True}), "不是数字"),
    ("list value", _with(**{"values/t3:new:natural": [1]}), "不是数字"),
    ("huge value", _with(**{"values/t3:new:natural": 10 ** 12}), "数值过大"),
    ("too many decimals", _with(**{"values/t2:fee:amount": "0.1234567"}), "最多保留 6 位小数"),
    ("NaN constant", lambda d: json.dumps(d).replace('"t2:fee:amount": 0', '"t2:fee:amount": NaN').encode(),
     "无效的数值“NaN”"),
    ("NaN text", _with(**{"values/t2:fee:amount": "NaN"}), "不是有效的数字"),
    ("thousands of digits", lambda d: json.dumps(d).replace('"t3:new:natural": 0', '"t3:new:natural": ' + "9" * 5000).encode(),
     "无法读取的数值"),
    ("deep nesting", b'{"format": "nianbao", "version": 2, "x": ' + b"[" * 100000 + b"]" * 100000 + b"}",
     "嵌套过深"),
    ("declared not a total", _with(declared={"t3:new:natural": 1}), "不是本版式的合计单元格"),
    ("narrative unknown section", _with(**{"narrative/s9": {"heading": None, "text": ""}}), "没有章节“s9”"),
    ("narrative not object", _with(**{"narrative/s1": "文字"}), "章节“s1”的内容格式不对"),
    ("heading not text", _with(**{"narrative/s1": {"heading": 3, "text": ""}}), "章节“s1”的内容格式不对"),
    ("reviews not text", _with(reviews={"R10:x": 5}), "“reviews”的格式不对"),
    ("labels not object", _with(published_labels=["x"]), "“published_labels”的格式不对"),
]


@pytest.mark.parametrize("name,damage,words", FAULTS, ids=[f[0] for f in FAULTS])
def test_damaged_file_is_refused_and_left_alone(tmp_path, name, damage, words):
    raw = damage if isinstance(damage, bytes) else damage(_data(tmp_path))
    path = tmp_path / "damaged.nianbao"
    path.write_bytes(raw)
    with pytest.raises(FileFormatError) as info:
        read_report(path)
    message = str(info.value)
    assert message.startswith(f"无法打开“{path}”：") and words in message
    assert "Traceback" not in message and "Error" not in message
    assert path.read_bytes() == raw


@pytest.mark.parametrize("cut", [1, 10, 100, 0.5, 0.9, -3])
def test_truncated_file(tmp_path, cut):
    raw = _saved(tmp_path).read_bytes()
    keep = raw[:int(len(raw) * cut) if isinstance(cut, float) else cut]
    path = tmp_path / "cut.nianbao"
    path.write_bytes(keep)
    with pytest.raises(FileFormatError, match="已损坏或不完整"):
        read_report(path)
    assert path.read_bytes() == keep


def test_bom_is_accepted(tmp_path):
    path = _saved(tmp_path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    report, _ = read_report(path)
    assert report.value("t2:rules:issued") == 3


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(FileFormatError, match="文件不存在"):
        read_report(tmp_path / "none.nianbao")
    (tmp_path / "dir.nianbao").mkdir()
    with pytest.raises(FileFormatError, match="这是一个文件夹"):
        read_report(tmp_path / "dir.nianbao")


def test_oversize_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "big.nianbao"
    with open(path, "wb") as fh:
        fh.truncate(MAX_FILE_SIZE + 1)        # sparse: no 50 MB written
    with pytest.raises(FileFormatError, match="文件过大"):
        read_report(path)


def test_values_as_text_and_money_as_text_are_read(tmp_path):
    data = _data(tmp_path)
    data["values"]["t3:new:natural"] = "7"
    data["values"]["t2:fee:amount"] = "18651.06"
    report = loads(json.dumps(data, ensure_ascii=False))
    assert report.value("t3:new:natural") == 7 and report.value("t2:fee:amount") == Decimal("18651.06")
    assert report.value("t3:new:total") == 7 + 0       # totals are recomputed, not read


# ----------------------------------------------------------------------------- version 1

def _v1(**extra):
    data = {"format": "nianbao", "version": 1, "edition": "2021",
            "meta": {"agency": "某局", "year": 2022},
            "tables": {"t3": {"new": {"natural": 5, "business": 1}, "next": {"natural": 2}},
                       "t2": {"fee": {"amount": 1.25}}},
            "narrative": {"s1": "总体情况。", "s5": "问题。"},
            "headings": {"s5": "五、存在的主要问题和改进措施"}}
    data.update(extra)
    return json.dumps(data, ensure_ascii=False)


def test_version_1_is_migrated(tmp_path):
    path = tmp_path / "old.nianbao"
    path.write_text(_v1(), encoding="utf-8")
    report, _ = read_report(path)
    assert report.value("t3:new:natural") == 5 and report.value("t3:new:total") == 6
    assert report.value("t2:fee:amount") == Decimal("1.25")
    assert report.text("s1") == "总体情况。" and report.heading("s5") == "五、存在的主要问题和改进措施"
    assert report.heading("s1") == "一、总体情况"
    save_report(report, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 2 and "tables" not in data and "headings" not in data
    assert json.loads((tmp_path / "old.nianbao.bak").read_text(encoding="utf-8"))["version"] == 1


@pytest.mark.parametrize("extra,words", [
    ({"tables": [1]}, "“tables”应为对象"),
    ({"tables": {"t3": 5}}, "表格“t3”的内容应为对象"),
    ({"tables": {"t3": {"new": 5}}}, "表格“t3”行“new”的内容应为对象"),
    ({"tables": {"t3": {"new": {"robots": 1}}}}, "没有单元格“t3:new:robots”"),
    ({"narrative": ["x"]}, "“narrative”应为对象"),
    ({"narrative": {"s1": 5}}, "章节“s1”的内容格式不对"),
    ({"headings": ["五、问题"]}, "“headings”应为对象"),
])
def test_damaged_version_1_is_refused(tmp_path, extra, words):
    path = tmp_path / "old.nianbao"
    path.write_text(_v1(**extra), encoding="utf-8")
    with pytest.raises(FileFormatError) as info:
        read_report(path)
    assert words in str(info.value)


# ----------------------------------------------------------------------------- saving

def test_backup_keeps_the_previous_version(tmp_path):
    first = _good()
    path = _saved(tmp_path, first)
    assert not (tmp_path / "r.nianbao.bak").exists()
    second = _good()
    second.set_value("t3:new:natural", 42)
    save_report(second, path)
    assert read_report(path)[0].value("t3:new:natural") == 42
    assert read_report(tmp_path / "r.nianbao.bak")[0].value("t3:new:natural") == \
        first.value("t3:new:natural")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.nianbao", "r.nianbao.bak"]   # no temp files left


@pytest.mark.skipif(os.name != "posix", reason="permission bits")
def test_saving_keeps_the_permissions_of_the_file(tmp_path):
    # The replacing file was created anew: a report the group could write (a shared folder on
    # UOS/麒麟) became the last saver's alone.
    path = _saved(tmp_path)
    path.chmod(0o660)
    save_report(_good(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o660


def test_conflict_when_the_file_changed_on_disk(tmp_path):
    path = _saved(tmp_path)
    report, digest = read_report(path)
    other, _ = read_report(path)
    other.set_value("t3:new:natural", 99)
    save_report(other, path)                            # someone else saves in between
    theirs = path.read_bytes()
    report.set_value("t3:new:natural", 1)
    with pytest.raises(ConflictError, match="已被其他程序或他人修改"):
        save_report(report, path, expected_digest=digest)
    assert path.read_bytes() == theirs
    new_digest = save_report(report, path, expected_digest=digest, force=True)
    assert read_report(path) [0].value("t3:new:natural") == 1
    assert read_report(path)[1] == new_digest
    report.set_value("t3:new:natural", 2)               # saving again with the new digest is fine
    save_report(report, path, expected_digest=new_digest)


def test_no_conflict_when_the_file_was_deleted(tmp_path):
    path = _saved(tmp_path)
    report, digest = read_report(path)
    path.unlink()
    save_report(report, path, expected_digest=digest)
    assert path.exists()


def test_save_into_a_missing_folder(tmp_path):
    with pytest.raises(WriteError, match="找不到文件夹"):
        save_report(_good(), tmp_path / "nope" / "r.nianbao")


def test_save_onto_a_folder(tmp_path):
    (tmp_path / "r.nianbao").mkdir()
    with pytest.raises(WriteError, match="是一个文件夹"):
        save_report(_good(), tmp_path / "r.nianbao")


@pytest.mark.parametrize("code,words", [(errno.ENOSPC, "磁盘空间不足"), (errno.EACCES, "没有写入"),
                                        (errno.EROFS, "只读"), (errno.EIO, "磁盘出错"),
                                        # Python's English reason reached the clerk for these:
                                        (errno.EDQUOT, "磁盘空间不足"), (errno.ESTALE, "网络共享文件夹已断开"),
                                        (errno.ENOTCONN, "网络共享文件夹已断开"), (errno.EINVAL, "无法写入")])
def test_disk_refusal_leaves_the_file_intact(tmp_path, monkeypatch, code, words):
    path = _saved(tmp_path)
    before = path.read_bytes()

    def refuse(fd):
        raise OSError(code, os.strerror(code))
    monkeypatch.setattr(fileio.os, "fsync", refuse)
    report = _good()
    report.set_value("t3:new:natural", 77)
    with pytest.raises(WriteError) as info:
        save_report(report, path)
    assert words in str(info.value) and str(path) in str(info.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.nianbao"]   # the temporary file is gone


def test_a_name_a_usb_stick_refuses_says_which_characters():
    with pytest.raises(WriteError, match="不允许的字符"):
        raise WriteError(fileio.describe_os_error(OSError(errno.EINVAL, "Invalid argument"), Path("/media/u/报告:2025.nianbao")))


READ_ONLY_CHILD = r"""
import sys
from forms.report import Report
from forms.storage import save_report
from forms.fileio import WriteError
report = Report.new("2021", 2024, "某局")
try:
    save_report(report, sys.argv[1])
except WriteError as exc:
    print("WriteError", exc)
"""


def _without_permission_override():
    """In the child, before exec: drop root's power to ignore file permissions (Linux), so that a
    read-only folder is read-only for the test even when the tests run as root."""
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    PR_CAPBSET_DROP = 24
    for cap in (1, 2, 3):      # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl")


def test_save_into_a_read_only_folder():
    folder = Path(tempfile.mkdtemp(prefix="nianbao-ro-"))
    try:
        target = folder / "r.nianbao"
        save_report(_good(), target)
        before = target.read_bytes()
        os.chmod(target, 0o644)
        os.chmod(folder, 0o555)
        kwargs = {}
        if os.geteuid() == 0:
            if not sys.platform.startswith("linux"):
                pytest.skip("running as root: permissions cannot be enforced here")
            kwargs = dict(preexec_fn=_without_permission_override)
        try:
            out = subprocess.run([sys.executable, "-c", READ_ONLY_CHILD, str(target)], cwd=ROOT, capture_output=True,
                                 text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)}, **kwargs)
        except subprocess.SubprocessError as exc:
            pytest.skip(f"cannot drop root's permission override here: {exc}")
        assert out.returncode == 0, out.stderr
        assert out.stdout.startswith("WriteError") and "没有写入" in out.stdout and str(target) in out.stdout
        assert target.read_bytes() == before
        assert sorted(p.name for p in folder.iterdir()) == ["r.nianbao"]
    finally:
        os.chmod(folder, stat.S_IRWXU)
        for p in folder.iterdir():
            p.unlink()
        folder.rmdir()


def test_atomic_write_replaces_in_one_step(tmp_path):
    path = tmp_path / "x.txt"
    atomic_write(path, b"one")
    atomic_write(path, b"two", backup=True)
    assert path.read_bytes() == b"two" and (tmp_path / "x.txt.bak").read_bytes() == b"one"


# ----------------------------------------------------------------------------- killed mid-save

def _save_forever(path: str, start: int, pipe):
    report = _big_report(0)
    k = start
    while True:
        k += 1
        report.set_value("t3:new:natural", k)
        pipe.send(k)                                   # "about to save k"
        save_report(report, Path(path))


def _big_report(k: int) -> Report:
    report = _good()
    # about 2 MB of text, so that a kill lands inside the write more often than not
    report.set_text_of("s1", ("政府信息公开工作取得新成效。" * 20 + "\n") * 7000)
    report.set_value("t3:new:natural", k)
    return report


def test_killed_mid_save_many_times_never_loses_the_file(tmp_path):
    path = tmp_path / "big.nianbao"
    save_report(_big_report(0), path)
    ctx = multiprocessing.get_context("fork")
    rng = random.Random(20261126)
    last_complete = 0
    kills_inside_a_save = 0
    for _ in range(50):
        receiver, sender = ctx.Pipe(duplex=False)
        child = ctx.Process(target=_save_forever, args=(str(path), last_complete, sender), daemon=True)
        child.start()
        time.sleep(rng.uniform(0.005, 0.12))
        os.kill(child.pid, signal.SIGKILL)
        child.join(10)
        started = [last_complete]
        while receiver.poll():
            started.append(receiver.recv())
        receiver.close()
        sender.close()
        report, _ = read_report(path)                  # never a traceback, never a half file
        k = report.value("t3:new:natural")
        # the file is either the last version begun or the one before it (old or new)
        assert k in (started[-1], started[-2] if len(started) > 1 else started[-1]), (k, started[-3:])
        kills_inside_a_save += k != started[-1]
        bak = tmp_path / "big.nianbao.bak"
        if bak.exists():
            assert read_report(bak)[0].value("t3:new:natural") <= k
        last_complete = k
    assert kills_inside_a_save > 0, "no kill landed during a save: the test proved nothing"
    save_report(_big_report(0), path)                  # the next save clears the killed saves' temporaries
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.nianbao", "big.nianbao.bak"]


def test_randomly_damaged_files_fail_only_with_file_format_error(tmp_path):
    """Hundreds of random damages to saved reports — values, keys, types, bytes — are each either
    refused with FileFormatError or read as a report that saves and reads back the same."""
    rng = random.Random(11)
    junk = [None, True, 0, -1, 7, 1.5, "", "x", "2021", [], [1], {}, {"a": 1}, 10 ** 30, "1e999", "NaN"]
    bases = []
    for eid in ("2021", "2019", "2014"):
        report = _good(eid)
        report.declared[next(c for c in report.edition.cells if report.edition.cells[c].computed)] = 1
        report.reviews["R10:x"] = "理由"
        report.published_labels["t1:row:x"] = None
        bases.append(dumps(report))

    def places(obj, prefix=()):
        if prefix:
            yield prefix
        children = obj.items() if isinstance(obj, dict) else enumerate(obj) if isinstance(obj, list) else ()
        for k, v in children:
            yield from places(v, prefix + (k,))

    read = 0
    for i in range(400):
        text = rng.choice(bases)
        if i % 4 == 0:                              # damage the bytes
            raw = bytearray(text.encode("utf-8"))
            for _ in range(rng.randint(1, 5)):
                raw[rng.randrange(len(raw))] = rng.randrange(256)
        else:                                       # damage the structure
            data = json.loads(text)
            *parents, last = rng.choice(list(places(data)))
            target = data
            for k in parents:
                target = target[k]
            if isinstance(target, dict) and rng.random() < 0.3:
                del target[last]
            else:
                target[last] = rng.choice(junk)
            raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
        path = tmp_path / f"{i}.nianbao"
        path.write_bytes(bytes(raw))
        try:
            report, _ = read_report(path)
        except FileFormatError as exc:
            assert str(exc).startswith(f"无法打开“{path}”：")
            continue
        read += 1
        assert loads(dumps(report)).values() == report.values()
    assert 0 < read < 400


def test_report_to_dict_reads_back_without_json_text_in_between():
    # report_to_dict gives money as floats (as_json_number); report_from_dict refused them as
    # "不是数字", so only a round trip through JSON text worked.
    from forms.storage import report_from_dict, report_to_dict
    from tests.forms.sample_reports import pingtan_report
    report = pingtan_report()
    data = report_to_dict(report)
    assert any(isinstance(v, float) for v in data["values"].values())
    assert report_from_dict(data).values() == report.values()
    data["values"]["t2:fee:amount"] = float("nan")
    with pytest.raises(FileFormatError, match="不是有效的数字"):
        report_from_dict(data)
