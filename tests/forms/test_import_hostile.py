"""Files that are not workbooks, or are built to hurt, are refused quickly with a clear message.

Each case is generated here, small on disk; each refusal must come in well under two seconds.
"""

import io
import random
import struct
import time
import zipfile

import pytest
from openpyxl import Workbook

from forms.importer import ImportRefused, import_file
from forms.importer import package, sheets
from tests.forms.import_fixtures import t4_values, write_t4

SHEET = "xl/worksheets/sheet1.xml"
HEAD = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
LIMIT_SECONDS = 2.0


def base_workbook() -> bytes:
    """A genuine workbook holding 表四, so that only the hostile part can make it fail."""
    wb = Workbook()
    write_t4(wb.active, 1, 1, t4_values())
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def rewrite(data: bytes, parts: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", compression) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, parts.pop(info.filename, None) or zin.read(info.filename))
        for name, body in parts.items():
            zout.writestr(name, body)
    return out.getvalue()


def declare_size(data: bytes, name: str, size: int) -> bytes:
    """The zip with the uncompressed size of one member changed in its central directory entry."""
    data = bytearray(data)
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46:pos + 46 + name_len] == name.encode():
            struct.pack_into("<I", data, pos + 24, size)
            return bytes(data)
        pos = data.find(b"PK\x01\x02", pos + 4)
    raise KeyError(name)


def sheet_xml(rows: bytes, tail: bytes = b"") -> bytes:
    return HEAD + b"<worksheet " + NS + b"><sheetData>" + rows + b"</sheetData>" + tail + b"</worksheet>"


def refused(tmp_path, data: bytes, words: str, name: str = "来文.xlsx") -> float:
    path = tmp_path / name
    path.write_bytes(data)
    started = time.monotonic()
    with pytest.raises(ImportRefused, match=words):
        import_file(path, "2021", 2024)
    elapsed = time.monotonic() - started
    assert elapsed < LIMIT_SECONDS, f"{elapsed:.2f} s"
    return elapsed


def test_the_base_workbook_is_fine(tmp_path):
    (tmp_path / "ok.xlsx").write_bytes(base_workbook())
    assert import_file(tmp_path / "ok.xlsx", "2021", 2024).report.value("t4:n:after_keep") == 13


def test_zip_bomb_by_ratio(tmp_path):
    bomb = sheet_xml(b"<row r=\"1\"/>" + b" " * (20 * 1024 * 1024))
    refused(tmp_path, rewrite(base_workbook(), {SHEET: bomb}), "压缩比异常")


@pytest.mark.parametrize("size", [100 * 1024 * 1024, 0xFFFFFF00])
def test_zip_bomb_by_declared_size(tmp_path, size):
    refused(tmp_path, declare_size(base_workbook(), SHEET, size), "超过")


def test_declared_size_smaller_than_the_data(tmp_path):
    data = rewrite(base_workbook(), {"xl/sharedStrings2.xml": HEAD + b"<a>" + b"x" * 2_000_000 + b"</a>"})
    refused(tmp_path, declare_size(data, "xl/sharedStrings2.xml", 100), "已损坏")


def test_sheet_larger_than_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(package, "MAX_PART_BYTES", 1024 * 1024)
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (i, i, i * 7919 % 100003)
                    for i in range(1, 40_000))
    refused(tmp_path, rewrite(base_workbook(), {SHEET: sheet_xml(rows)}), "超过")


BILLION_LAUGHS = (HEAD + b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
                  b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
                  b"<worksheet " + NS + b'><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is>'
                  b"</c></row></sheetData></worksheet>")
EXTERNAL = (HEAD + b'<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            b"<sst " + NS + b"><si><t>&xxe;</t></si></sst>")


@pytest.mark.parametrize("part, body", [(SHEET, BILLION_LAUGHS), ("xl/sharedStrings.xml", EXTERNAL),
                                        ("[Content_Types].xml", HEAD + b"<!DOCTYPE x><Types/>")])
def test_entities_and_doctype_are_refused(tmp_path, part, body):
    refused(tmp_path, rewrite(base_workbook(), {part: body}), "DOCTYPE")


def test_an_xml_part_in_another_encoding_is_refused(tmp_path):
    body = sheet_xml(b"").decode("utf-8").replace("UTF-8", "UTF-16").encode("utf-16")
    refused(tmp_path, rewrite(base_workbook(), {SHEET: body}), "UTF-8")


def test_too_many_shared_strings(tmp_path):
    strings = b"<sst " + NS + b">" + b"".join(b"<si><t>%d</t></si>" % i for i in range(130_000)) + b"</sst>"
    refused(tmp_path, rewrite(base_workbook(), {"xl/sharedStrings.xml": HEAD + strings}), "元素过多")


def test_a_docx_renamed(tmp_path):
    from docx import Document
    buffer = io.BytesIO()
    Document().save(buffer)
    refused(tmp_path, buffer.getvalue(), "Word 文档")


@pytest.mark.parametrize("data, words", [
    (random.Random(7).randbytes(20_000), "不是 Excel 工作簿"),
    (b"", "空文件"),
    (b"<html><body><table><tr><td>1</td></tr></table></body></html>", "网页"),
    (bytes.fromhex("D0CF11E0A1B11AE1") + bytes(500) + "EncryptionInfo".encode("utf-16-le"), "密码"),
    (bytes.fromhex("D0CF11E0A1B11AE1") + bytes(500) + "Workbook".encode("utf-16-le"), r"\.xls"),
    (b"PK\x05\x06" + bytes(18), "压缩包"),
    (b"PK\x03\x04" + random.Random(8).randbytes(3000), "已损坏"),
])
def test_not_a_workbook(tmp_path, data, words):
    refused(tmp_path, data, words)


def test_a_zip_without_a_workbook(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("readme.txt", "hello")
    refused(tmp_path, buffer.getvalue(), "没有 Excel 工作簿")


def test_an_empty_workbook(tmp_path):
    buffer = io.BytesIO()
    Workbook().save(buffer)
    refused(tmp_path, buffer.getvalue(), "没有任何内容")


def test_millions_of_cells_end_quickly_and_the_table_above_them_is_still_read(tmp_path):
    """表四 in rows 1–4, then a million empty cells: reading stops at the limit and says so."""
    wb = Workbook()
    write_t4(wb.active, 1, 1, t4_values())
    buffer = io.BytesIO()
    wb.save(buffer)
    with zipfile.ZipFile(buffer) as zf:
        original = zf.read(SHEET)
    start = original.index(b"<sheetData>") + len(b"<sheetData>")
    end = original.index(b"</sheetData>")
    cells = b"".join(b'<row r="%d">' % r + b"<c/>" * 50 + b"</row>" for r in range(10, 20_010))
    data = rewrite(buffer.getvalue(), {SHEET: original[:end] + cells + original[end:]})
    path = tmp_path / "big.xlsx"
    path.write_bytes(data)
    assert original[start:start + 1] == b"<"
    started = time.monotonic()
    result = import_file(path, "2021", 2024)
    assert time.monotonic() - started < LIMIT_SECONDS
    # all twelve: the merged group headers, written after the cells, were found all the same
    assert result.placed == 12 and result.report.value("t4:n:after_keep") == 13
    assert [n.kind for n in result.problems] == ["missing", "missing"]     # 表二, 表三
    assert any("单元格过多" in n.message for n in result.notes if n.kind == "info")


def test_reading_time_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(sheets, "READ_SECONDS", 0.0)
    refused(tmp_path, base_workbook(), "超过 0 秒")


def test_damaged_parts_give_a_message_not_a_traceback(tmp_path):
    """Bytes changed, cut or inserted in the XML of a good workbook: a result or a refusal, never
    another exception, and never slowly."""
    rnd = random.Random(2024)
    with zipfile.ZipFile(io.BytesIO(base_workbook())) as zf:
        parts = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    inserts = [b"<", b">", b'"', b"&amp;", b'<c r="ZZZ99999999"/>', b'<mergeCell ref="A1:XFD1048576"/>', b"\xff"]
    for _ in range(25):
        name = rnd.choice(sorted(parts))
        data = bytearray(parts[name])
        for _ in range(rnd.randint(1, 6)):
            i = rnd.randrange(len(data))
            op = rnd.random()
            if op < 0.4:
                data[i] = rnd.randrange(256)
            elif op < 0.7:
                del data[i:i + rnd.randint(1, 40)]
            else:
                data[i:i] = rnd.choice(inserts)
        path = tmp_path / "damaged.xlsx"
        path.write_bytes(rewrite(base_workbook(), {name: bytes(data)}))
        started = time.monotonic()
        try:
            import_file(path, "2021", 2024)
        except ImportRefused:
            pass
        assert time.monotonic() - started < LIMIT_SECONDS


def test_a_damaged_workbook_is_refused_in_chinese(tmp_path):
    path = tmp_path / "来文.xlsx"
    path.write_bytes(b"PK\x03\x04garbage")
    with pytest.raises(ImportRefused) as caught:
        import_file(path, "2021", 2024)
    assert "zip" not in str(caught.value).lower() and "另存为" in str(caught.value)


@pytest.mark.parametrize("name, stream, words", [
    ("统计表.et", "Workbook", "WPS 表格文件（.et）"),
    ("统计表.wps", "WordDocument", "WPS 文字文档（.wps）"),
])
def test_a_wps_file_is_named_as_such(tmp_path, name, stream, words):
    """WPS saves its own formats as compound files like .xls and .doc; the clerk knows the file
    as .et or .wps, and is told so, with what to do."""
    data = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(500) + stream.encode("utf-16-le")
    refused(tmp_path, data, words, name)
    with pytest.raises(ImportRefused, match="另存为"):
        import_file(tmp_path / name, "2021", 2024)
