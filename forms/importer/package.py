"""Looking at a file before any spreadsheet library touches it.

A clerk picks whatever file a sub-unit sent: a real .xlsx, an old .xls, a Word file or a web page
renamed .xlsx, an encrypted workbook, or something hostile (a zip bomb, XML with entity
definitions).  Everything here reads only the zip directory and streams the XML parts once, with
fixed limits, so a bad file is refused in well under a second with a message saying what it is.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..fileio import read_failure
from .result import ImportRefused

MAX_FILE_BYTES = 30 * 1024 * 1024        # an annual report workbook is well under 1 MB
MAX_MEMBERS = 2000
MAX_PART_BYTES = 25 * 1024 * 1024        # one uncompressed part (a sheet, the shared strings)
MAX_STYLES_BYTES = 8 * 1024 * 1024       # styles are parsed whole; Excel allows 64,000 formats
MAX_TOTAL_BYTES = 80 * 1024 * 1024       # all parts together, uncompressed
MAX_RATIO = 200                          # deflate reaches ~100 on the dullest real sheets
RATIO_FLOOR = 1024 * 1024                # small parts may have any ratio
XML_SUFFIXES = (".xml", ".rels", ".vml")
# openpyxl parses some parts whole when it opens a workbook, at a few microseconds per element;
# counting their elements beforehand keeps opening under a second whatever the file holds.
MAX_TAGS_STRINGS = 250_000     # the shared strings (about two elements a string)
MAX_TAGS_STYLES = 120_000      # Excel's 64,000 formats with an alignment each
MAX_TAGS_SMALL = 20_000        # the manifest, relations, workbook, properties
MAX_TAGS_SHEET_HEAD = 20_000   # a sheet's elements before its cells (read to find its size)
_CHUNK = 1024 * 1024
_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY")
_CFB = bytes.fromhex("D0CF11E0A1B11AE1")


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def check_xlsx(path: Path) -> None:
    """Raises ImportRefused unless the file is a zip holding an Excel workbook that is safe to parse."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise ImportRefused(f"无法读取“{path.name}”：{read_failure(exc, path)}") from None
    if size == 0:
        raise ImportRefused(f"“{path.name}”是空文件")
    if size > MAX_FILE_BYTES:
        raise ImportRefused(f"“{path.name}”过大（{_mb(size)}），不像一份年报统计表（一般不超过 1 MB）")
    if head.startswith(_CFB):
        raise ImportRefused(_describe_compound(path))
    if not head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        raise ImportRefused(_describe_other(path, head))
    try:
        with zipfile.ZipFile(path) as zf:
            _check_members(path, zf)
    except ImportRefused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        # zipfile's reason ("File is not a zip file", "Bad CRC-32 …") means nothing to the clerk.
        raise ImportRefused(f"“{path.name}”已损坏，无法作为 .xlsx 读取（可能没有下载或复制完整）；"
                            "请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入") from None
    except NotImplementedError:
        raise ImportRefused(f"“{path.name}”使用了不支持的压缩方式，请在 Excel 或 WPS 中另存为 .xlsx") from None
    except OSError as exc:
        raise ImportRefused(f"无法读取“{path.name}”：{read_failure(exc, path)}") from None


def _check_members(path: Path, zf: zipfile.ZipFile) -> None:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ImportRefused(f"“{path.name}”包含 {len(infos)} 个部件，不像一份 Excel 工作簿，已拒绝读取")
    names = {i.filename.lower(): i.filename for i in infos}
    if "xl/workbook.xml" not in names:
        raise ImportRefused(_describe_zip(path, names))
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ImportRefused(f"“{path.name}”内容已加密，请在 Excel 或 WPS 中取消密码后另存为 .xlsx")
        total += info.file_size
        limit = MAX_STYLES_BYTES if info.filename.lower().endswith("styles.xml") else MAX_PART_BYTES
        if info.file_size > limit:
            raise ImportRefused(f"“{path.name}”中的“{info.filename}”解压后有 {_mb(info.file_size)}，"
                                f"超过 {_mb(limit)} 的上限，已拒绝读取（可能是恶意构造的文件）")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ImportRefused(f"“{path.name}”中的“{info.filename}”压缩比异常（{_mb(info.compress_size)} 解压为 "
                                f"{_mb(info.file_size)}），疑似“压缩炸弹”，已拒绝读取")
    if total > MAX_TOTAL_BYTES:
        raise ImportRefused(f"“{path.name}”解压后共有 {_mb(total)}，超过 {_mb(MAX_TOTAL_BYTES)} 的上限，"
                            "已拒绝读取（可能是恶意构造的文件）")
    for info in infos:
        if info.filename.lower().endswith(XML_SUFFIXES):
            _scan_xml(path, zf, info)


def _tag_limit(name: str) -> tuple[int | None, bool]:
    """(most elements allowed, whether only those before the cells count) for a part."""
    name = name.lower()
    if name.startswith("xl/worksheets/") and "/_rels/" not in name:
        return MAX_TAGS_SHEET_HEAD, True
    if name.endswith("sharedstrings.xml"):
        return MAX_TAGS_STRINGS, False
    if name.endswith("styles.xml"):
        return MAX_TAGS_STYLES, False
    if name == "[content_types].xml" or name.endswith(".rels") or name.startswith(("docprops/", "xl/chartsheets/")) \
            or name == "xl/workbook.xml":
        return MAX_TAGS_SMALL, False
    return None, False


def _scan_xml(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Refuses a part that defines a DOCTYPE or entities (billion laughs, external entities),
    that is not UTF-8 (so that the byte search below cannot be dodged by another encoding), or
    that has more elements than openpyxl can parse quickly."""
    where = f"“{path.name}”中的“{info.filename}”"
    limit, head_only = _tag_limit(info.filename)
    tags, counting = 0, limit is not None
    read, tail, first = 0, b"", True
    with zf.open(info) as part:
        while True:
            chunk = part.read(_CHUNK)
            if not chunk:
                break
            read += len(chunk)
            if read > info.file_size:   # zipfile stops at the declared size; this is a second guard
                raise ImportRefused(f"{where}的实际大小与声明不符，文件已损坏或被篡改")
            if first:
                first = False
                body = chunk[3:] if chunk.startswith(b"\xef\xbb\xbf") else chunk
                if body[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in body[:4]:
                    raise ImportRefused(f"{where}不是 UTF-8 编码的 XML，Excel 与 WPS 不会这样保存，已拒绝读取")
            window = tail + chunk
            for token in _FORBIDDEN:
                if token in window:
                    raise ImportRefused(f"{where}含有 XML 实体或 DOCTYPE 定义，正常的工作簿不会有，"
                                        "已拒绝读取（可能是恶意构造的文件）")
            if counting:
                end = window.find(b"sheetData") if head_only else -1
                tags += chunk.count(b"<", 0, max(end - len(tail), 0) if end >= 0 else len(chunk))
                counting = end < 0
                if tags > limit:
                    raise ImportRefused(f"{where}包含的元素过多（超过 {limit} 个），不像正常的工作簿，"
                                        "已拒绝读取；请把统计表复制到一个新的工作簿后再导入")
            tail = window[-16:]


def _describe_compound(path: Path) -> str:
    """An OLE compound file: an encrypted .xlsx, an old .xls, or another old Office file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return f"无法读取“{path.name}”：{read_failure(exc, path)}"
    if _utf16("EncryptionInfo") in data or _utf16("EncryptedPackage") in data:
        return f"“{path.name}”设置了打开密码（已加密），请在 Excel 或 WPS 中取消密码后另存为 .xlsx 再导入"
    suffix = path.suffix.lower()
    if _utf16("WordDocument") in data:
        if suffix in (".wps", ".wpt"):
            return (f"“{path.name}”是 WPS 文字文档（.wps），不是表格；"
                    "请选择统计表，并在 WPS 表格中“另存为”.xlsx 后再导入")
        return f"“{path.name}”是旧版 Word 文档（.doc），不是 Excel 工作簿"
    if _utf16("Workbook") in data or _utf16("Book") in data:
        if suffix in (".et", ".ett"):     # WPS 表格's own format is a compound file like .xls
            return f"“{path.name}”是 WPS 表格文件（.et），请在 WPS 中“另存为”Excel 工作簿（.xlsx）后再导入"
        return (f"“{path.name}”是旧版 Excel 文件（.xls，Excel 97–2003 格式），"
                "请在 Excel 或 WPS 中“另存为”.xlsx 后再导入")
    return f"“{path.name}”是旧版 Office 文件，不是 .xlsx 工作簿，请另存为 .xlsx 后再导入"


def _describe_zip(path: Path, names: dict[str, str]) -> str:
    if "word/document.xml" in names:
        return f"“{path.name}”是 Word 文档（.docx），不是 Excel 工作簿；请选择统计表的 .xlsx 文件"
    if "ppt/presentation.xml" in names:
        return f"“{path.name}”是 PowerPoint 演示文稿，不是 Excel 工作簿"
    if "content.xml" in names or "mimetype" in names:
        return f"“{path.name}”是 OpenDocument（如 WPS/LibreOffice 的 .ods）文件，请另存为 .xlsx 后再导入"
    if not names:
        return f"“{path.name}”是一个空的压缩包，不是 Excel 工作簿"
    return f"“{path.name}”是一个压缩包，但其中没有 Excel 工作簿（缺少 xl/workbook.xml）"


def _describe_other(path: Path, head: bytes) -> str:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<html", b"<!doctype html", b"<table", b"<meta")) or b"<html" in text:
        return (f"“{path.name}”其实是网页（HTML）文件，只是扩展名为表格；"
                "请用 Excel 或 WPS 打开后“另存为”.xlsx 再导入")
    if text.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in head:
        return f"“{path.name}”是 Excel 2003 XML 表格，请用 Excel 或 WPS 另存为 .xlsx 后再导入"
    if text.startswith(b"%pdf"):
        return f"“{path.name}”是 PDF 文件，不是 Excel 工作簿"
    if text.startswith((b"{", b"[")):
        return f"“{path.name}”看起来是 JSON 文本，不是 Excel 工作簿（JSON 请以 .json 为扩展名导入）"
    return f"“{path.name}”不是 Excel 工作簿（.xlsx），无法导入"


def looks_like_zip(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(4) in (b"PK\x03\x04", b"PK\x05\x06")
    except OSError:
        return False
