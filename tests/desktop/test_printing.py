"""Print and PDF: A4 pages drawn from the Document, text at its size, numbers 「— N —」 left/right."""

import re
import shutil
import subprocess

import pytest

from desktop.document import ReportDocument
from desktop.font_notice import missing_fonts_message, notify_missing_fonts
from desktop.print_render import PageRenderer
from desktop.printing import export_pdf, paint_on, pdf_bytes, report_document
from forms.demo import demo_report
from forms.document import build_document
from forms.fileio import WriteError
from forms.fonts import get_profile
from tests.forms.sample_reports import pingtan_report

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) needed")


def pdf_pages(path) -> list[str]:
    """The text of each page as pdftotext reads it (spaces where Chinese meets digits)."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")[:-1]


def flat(texts) -> str:
    return "".join(t.replace(" ", "").replace("\n", "") for t in texts)


def page_sizes(path) -> list[tuple[float, float]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(path)], capture_output=True, text=True,
                          check=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


A4 = (595.3, 841.9)
A4_LANDSCAPE = (841.9, 595.3)


def same_size(a, b) -> bool:
    return abs(a[0] - b[0]) < 1 and abs(a[1] - b[1]) < 1


def words(path, page: int) -> list[tuple[float, float, float, float, str]]:
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in
            re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', out)]


@pytest.fixture(scope="module")
def demo_pdf(tmp_path_factory, qapp):
    path = tmp_path_factory.mktemp("pdf") / "demo.pdf"
    pages = export_pdf(ReportDocument(demo_report()), path)
    return path, pages


@pytest.fixture(scope="module")
def pingtan_pdf(tmp_path_factory, qapp):
    path = tmp_path_factory.mktemp("pdf") / "pingtan.pdf"
    pages = export_pdf(ReportDocument(pingtan_report()), path)
    return path, pages


def test_demo_pdf_has_a4_pages_with_title_headings_table_and_numbers(demo_pdf):
    path, pages = demo_pdf
    texts = pdf_pages(path)
    assert len(texts) == pages >= 3
    assert all(same_size(size, A4) for size in page_sizes(path))   # A4 portrait, in points
    assert "鹤壁市山城区人民政府" in flat(texts[:1]) and "2017年政府信息公开工作年度报告" in flat(texts[:1])
    everything = flat(texts)
    for text in ("一、2017年度政府信息公开工作的总体情况", "六、存在的主要问题及今后工作打算",
                 "政府信息公开情况统计表", "统计指标", "其中：主动公开规范性文件数", "填报单位（盖章）",
                 "行政复议"):
        assert text in everything, text
    for n, text in enumerate(texts, start=1):
        assert flat([text]).endswith(f"—{n}—")


def test_text_layer_reads_as_printed(demo_pdf):
    # Qt alone writes 「人⺠」「⾏政」 (radicals sharing the glyph); the repair gives the real text.
    everything = flat(pdf_pages(demo_pdf[0]))
    assert "人民政府" in everything and "行政复议" in everything
    assert not any(0x2E80 <= ord(ch) < 0x2FE0 for ch in everything)


def test_each_line_is_in_the_text_layer_once(demo_pdf):
    # Qt drew a paragraph going on over a page from the line before the page's top: hidden by
    # the clip, but in the text layer, so a copy of the page or a search found it twice.
    path, pages = demo_pdf
    texts = pdf_pages(path)
    carried_over = 0
    for number in range(2, pages + 1):
        top = min(words(path, number), key=lambda w: w[1])
        assert top[1] > 100, f"page {number}: 「{top[4]}」 stands above the text block (37 mm = 105 pt)"
        last_lines = [line.strip() for line in texts[number - 2].splitlines() if line.strip()][-3:]
        first_line = next(line.strip() for line in texts[number - 1].splitlines() if line.strip())
        assert first_line not in last_lines, f"page {number} begins with a line of page {number - 1}"
        carried_over += bool(re.match(r"[^\s（(一二三四五六七八九十]", first_line))
    assert carried_over >= 3            # the demo's paragraphs do go on over pages


def test_attachment_starts_its_own_page(demo_pdf):
    texts = pdf_pages(demo_pdf[0])
    first = next(i for i, t in enumerate(texts) if "政府信息公开情况统计表" in t and "统计指标" in flat([t]))
    assert flat(texts[first:first + 1]).startswith("附件1")
    assert "附件：政府信息公开情况统计表" in flat(texts[first - 1:first])


def test_page_numbers_odd_right_even_left(demo_pdf):
    path, _ = demo_pdf
    for page in (1, 2):
        number = [w for w in words(path, page) if w[4] == str(page)]
        assert number, f"no page number on page {page}"
        x = number[-1][0]
        assert (x > 400) if page % 2 else (x < 200)
        assert number[-1][1] > 841.89 - 35 / 25.4 * 72      # below the text block


def test_page_number_line_stands_7_mm_below_the_text_block(demo_pdf, tmp_path):
    # As the .docx: the top of the page number's one-em line box 7 mm under the text block
    # (262 mm + 7 mm from the paper's top), on odd and even pages alike.
    from PySide6.QtGui import QFontMetricsF
    path, _ = demo_pdf
    document = report_document(ReportDocument(demo_report()))     # what export_pdf drew
    writer = _pdf_writer(tmp_path / "n.pdf")
    renderer = PageRenderer(document, writer)
    geometry = renderer.parts[0].geometry
    to_mm = 25.4 / renderer.dpi
    page, pn = document.page, document.page_numbers
    size_pt = document.style(pn.role).size_pt
    line = renderer.page_number_line(geometry)
    assert abs(line.top() * to_mm - (page.margin_top_mm + page.text_height_mm + pn.below_text_mm)) < 0.01
    assert abs(line.height() * to_mm - size_pt * 25.4 / 72) < 0.01
    # pdftotext's word box is the font's ascent above the baseline to its descent below, which
    # is the box drawText was given: so the PDF shows where the number was drawn
    metrics = QFontMetricsF(renderer.page_number_font(), writer)
    box = renderer.page_number_box(geometry, metrics)
    assert line.top() < box.top() + metrics.ascent() < line.bottom()     # the baseline within the line
    for n in (1, 2):
        (number,) = [w for w in words(path, n) if w[4] == str(n) and w[1] > 841.89 - 35 / 25.4 * 72]
        assert abs(number[1] * 25.4 / 72 - box.top() * to_mm) < 0.1, (n, number)
        assert abs(number[3] * 25.4 / 72 - box.bottom() * to_mm) < 0.1, (n, number)


def test_text_is_printed_at_its_size_not_tiny(demo_pdf):
    path, _ = demo_pdf
    body = [w for w in words(path, 1) if w[4].startswith("今年以来")]
    assert body, "body paragraph not found on page 1"
    x0, y0, x1, y1, text = body[0]
    per_char = (x1 - x0) / len(text)
    assert 14.5 < per_char < 17.5          # 3号 16 pt on the 28-character grid (15.8 pt)
    left = min(w[0] for w in words(path, 1) if w[0] > 60)
    assert abs(left - 28 / 25.4 * 72) < 2   # the 28 mm left margin


def test_headings_stay_with_their_text(qapp, tmp_path):
    from desktop.print_render import page_of_line
    from PySide6.QtGui import QTextFormat
    renderer = PageRenderer(build_document(demo_report()), _pdf_writer(tmp_path / "k.pdf"))
    body = renderer.parts[0]
    td, height = body.text_document, body.geometry.text.height()
    assert body.keep
    for heading, following in body.keep:
        assert page_of_line(td, td.findBlockByNumber(heading), False, height) == \
            page_of_line(td, td.findBlockByNumber(following), True, height)
    moved = [b for b in range(td.blockCount()) if td.findBlockByNumber(b).blockFormat().pageBreakPolicy()
             & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore]
    assert moved        # the demo has a heading that would otherwise end page 1


def _lines_of(path) -> list[str]:
    return [line.strip() for line in subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                                                      text=True, check=True).stdout.splitlines()]


@pytest.mark.parametrize("dpi", [300, 1200])
def test_lines_break_where_the_docx_breaks_them(qapp, tmp_path, dpi):
    # 28 characters a line, at the PDF's 300 dpi and a printer's 1200: Qt rounds 16 pt to whole
    # device pixels (16.08 pt at 300 dpi) and fitted 27.  A 「，」 that does not fit stands past the
    # line's end, as in Word and LibreOffice, instead of taking 「试」 with it onto the next line.
    from forms.report import Report
    report = Report.new("2021", 2024, "测试单位")
    report.set_text_of("s1", "测" * 90 + "\n" + "测" * 53 + "试，后续文字")
    path = tmp_path / "grid.pdf"
    writer = _pdf_writer(path, dpi)
    PageRenderer(build_document(report), writer).paint()
    del writer
    lines = [line for line in _lines_of(path) if line.startswith("测测")]
    assert [len(line) for line in lines] == [26, 28, 28, 8, 26, 29]
    assert lines[-1].endswith("测试，")
    # and the hanging 「，」 is printed, not cut off at the text block's edge
    (last,) = [w for w in words(path, 1) if w[4].endswith("测试，")]
    subprocess.run(["pdftoppm", "-r", "144", "-f", "1", "-l", "1", "-png", str(path), str(tmp_path / "p")], check=True)
    from PySide6.QtGui import QImage
    image = QImage(str(next(tmp_path.glob("p*.png"))))
    right = (210 - 26) / 25.4 * 144
    ink = [(x, y) for x in range(int(right) + 2, int(right) + 16) for y in range(int(last[1] * 2), int(last[3] * 2))
           if image.pixelColor(x, y).lightness() < 128]
    assert ink


def test_2021_report_prints_its_tables(pingtan_pdf):
    path, pages = pingtan_pdf
    everything = flat(pdf_pages(path))
    for label in ("第二十条第（一）项", "本年新收政府信息公开申请数量", "（一）予以公开", "行政复议",
                  "未经复议直接起诉", "18651.06", "六、其他需要报告的事项", "2025年1月20日"):
        assert label in everything, label
    assert pages == len(pdf_pages(path))


def _assert_rows_whole(renderer):
    """Every cell of each table row begins on one page."""
    from desktop.print_render import page_of_line
    for part in renderer.parts:
        td, height = part.text_document, part.geometry.text.height()
        for table in part.tables:
            for row in range(table.rows()):
                starts = {page_of_line(td, table.cellAt(row, col).firstCursorPosition().block(), True, height)
                          for col in range(table.columns()) if table.cellAt(row, col).row() == row}
                assert len(starts) == 1, (row, starts)


def test_no_table_row_is_split_between_two_pages(qapp, tmp_path):
    # 表三 of the 2021 report reaches the foot of page 2: Qt alone moved the labels of 「（五）1.信访
    # 举报投诉类申请」 to page 3 and left its numbers on page 2, under no label.
    renderer = PageRenderer(build_document(pingtan_report()), _pdf_writer(tmp_path / "s.pdf"))
    assert renderer.page_count == 4
    _assert_rows_whole(renderer)


def test_table_goes_on_with_its_header_and_groups_kept_whole(qapp, tmp_path):
    # As the .docx (cantSplit, keepNext, tblHeader): the header rows repeat on the next page, a
    # group label over up to eight rows stays with its rows, and no page is left empty.
    path = tmp_path / "2019.pdf"
    data, pages = pdf_bytes(build_document(pingtan_report("2019", 2020)))
    path.write_bytes(data)
    texts = [flat([t]) for t in pdf_pages(path)]
    assert len(texts) == pages == 3
    holding = [i for i, t in enumerate(texts) if "本年新收政府信息公开申请数量" in t or "四、结转下年度继续办理" in t]
    assert len(holding) == 2 and all("申请人情况" in texts[i] and "法人或其他组织" in texts[i] for i in holding)
    group = [i for i, t in enumerate(texts) for label in ("1.属于国家秘密", "8.属于行政查询事项") if label in t]
    assert len(group) == 2 and group[0] == group[1]          # （三）不予公开 on one page
    assert all(re.sub(r"—\d+—$", "", t) for t in texts)      # every page has more than its number


@pytest.mark.parametrize("edition, more, pages", [("2019", 0, 3), ("2019", 1, 4), ("2019", 2, 4),
                                                  ("2019", 3, 4), ("2021", 5, 4)])
def test_tables_wherever_they_fall_leave_no_page_empty(qapp, tmp_path, edition, more, pages):
    # The report grown by a few lines moves 表二, the heading 三、 and 表三 down the pages: with two
    # more, the heading went on to page 3 with 表三, whose first part then ended at the foot of
    # it and pushed the rest past an empty page 4.  With five more (2021) 表三 goes on after its
    # row （一）: 三、本年度办理结果 in that one row grew it to three lines, past the page's foot,
    # and 表三 took three pages where the .docx takes two.
    report = pingtan_report(edition, 2024)
    report.set_text_of("s2", "\n".join(["本年度主动公开情况见下表。"] * (more + 1)))
    report.set_text_of("s1", report.text("s1") + "\n" + "测" * (13 * more))
    path = tmp_path / "t.pdf"
    writer = _pdf_writer(path)
    renderer = PageRenderer(build_document(report), writer)
    assert renderer.paint() == pages
    del writer
    assert all(re.sub(r"—\d+—$", "", flat([t])) for t in pdf_pages(path))
    _assert_rows_whole(renderer)


def test_table_rows_are_as_tall_as_in_the_docx(qapp, tmp_path):
    # Qt's rows were 3 % taller than the .docx's as LibreOffice prints it (16.1 pt against 15.6 for
    # a line of 10.5 pt): its line heights are rounded up to whole pixels of a face rounded to
    # whole pixels, and its thinnest border is 0.75 pt.  Over 表三 that made 5 mm, and 表四
    # went to the next page where the .docx kept it.
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice is needed to print the .docx")
    from forms.export.docx_writer import docx_bytes
    document = build_document(pingtan_report())
    (tmp_path / "r.docx").write_bytes(docx_bytes(document))
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'p'}", "--convert-to", "pdf",
                    "--outdir", str(tmp_path / "lo"), "r.docx"], cwd=tmp_path, capture_output=True, timeout=300)
    (tmp_path / "qt.pdf").write_bytes(pdf_bytes(document)[0])
    spans = []
    for path in (tmp_path / "lo" / "r.pdf", tmp_path / "qt.pdf"):
        found = {w[4]: w[1] for w in words(path, 2) if w[4] in ("一、本年新收政府信息公开申请数量", "3.补正后申请内容仍不明确")}
        spans.append(found["3.补正后申请内容仍不明确"] - found["一、本年新收政府信息公开申请数量"])
    assert abs(spans[0] - spans[1]) < 1.5, spans     # 16 rows: 8 pt apart before


def test_a_printer_gets_the_pages_of_the_pdf(qapp, tmp_path):
    # A printer lays the pages out at its own resolution (1200 dpi here): the rest of the 2014
    # table went on after an empty page, as its first part ended at the foot of page 10.
    document = build_document(demo_report())
    counts = []
    for dpi in (300, 1200):
        path = tmp_path / f"{dpi}.pdf"
        writer = _pdf_writer(path, dpi)
        counts.append(PageRenderer(document, writer).paint())
        del writer
        texts = [flat([t]) for t in pdf_pages(path)]
        assert all(re.sub(r"—\d+—$", "", t) for t in texts), dpi     # no page with only its number
    assert counts[0] == counts[1]


def test_a_printer_breaks_the_lines_of_the_pdf(qapp, tmp_path):
    # Qt rounds each face to whole device pixels, a little more or less at each resolution: a
    # line with digits 「〔2021〕30号」 or a table label broke one character apart on paper.
    document = build_document(pingtan_report())
    texts = []
    for dpi in (300, 600, 1200):
        path = tmp_path / f"{dpi}.pdf"
        writer = _pdf_writer(path, dpi)
        PageRenderer(document, writer).paint()
        del writer
        texts.append([line.replace(" ", "") for line in _lines_of(path) if line])
    assert texts[0] == texts[1] == texts[2]


def test_merged_header_spans_its_columns(qapp, tmp_path):
    document = build_document(pingtan_report())
    path = tmp_path / "p.pdf"
    path.write_bytes(pdf_bytes(document)[0])
    renderer = PageRenderer(document, _pdf_writer(tmp_path / "x.pdf"))
    table = renderer.parts[0].tables[0]
    assert table.cellAt(0, 0).columnSpan() == 4          # 第二十条第（一）项 over A:D
    t3 = renderer.parts[0].tables[1]
    assert (t3.cellAt(0, 0).rowSpan(), t3.cellAt(0, 0).columnSpan()) == (3, 3)


def test_a_summed_report_s_numbers_print_whole(qapp, tmp_path):
    # 表三's 10.8 mm columns printed a 汇总 report's 12345 as 「1234」 over 「5」
    report = pingtan_report()
    report.set_many({c.id: 12345 for c in report.edition.table("t3").cells
                     if not c.computed and c.row.key in ("new", "carry")})
    path = tmp_path / "big.pdf"
    data, pages = pdf_bytes(build_document(report))
    path.write_bytes(data)
    found = [w[4] for page in range(1, pages + 1) for w in words(path, page)]
    assert found.count("12345") >= 12 and "1234" not in found


def test_a_date_longer_than_the_name_stands_two_characters_right_of_it(qapp, tmp_path):
    # GB/T 9704 7.3.5.2: 「2025年1月20日」 under 「某某县财政局」 stood one character right of it
    report = pingtan_report()
    report.set_meta("agency", "某某县财政局")
    path = tmp_path / "sig.pdf"
    data, pages = pdf_bytes(build_document(report))
    path.write_bytes(data)
    found = {w[4]: w[0] for w in words(path, pages)}
    char_pt = (210 - 28 - 26) / 25.4 * 72 / 28
    assert (found["2025"] - found["某某县财政局"]) / char_pt == pytest.approx(2, abs=0.3)


def test_landscape_part_turns_its_pages(qapp, tmp_path):
    document = build_document(demo_report())
    document.parts[-1].orientation = "landscape"
    path = tmp_path / "l.pdf"
    data, pages = pdf_bytes(document)
    path.write_bytes(data)
    sizes = page_sizes(path)
    assert same_size(sizes[0], A4) and same_size(sizes[-1], A4_LANDSCAPE)
    assert flat(pdf_pages(path)[-1:]).endswith(f"—{pages}—")   # numbering runs on through turned pages


def test_unwritable_path_gives_a_chinese_message_and_keeps_the_old_file(qapp, tmp_path, monkeypatch):
    doc = ReportDocument(demo_report())
    with pytest.raises(WriteError, match="找不到文件夹"):
        export_pdf(doc, tmp_path / "no such folder" / "r.pdf")
    with pytest.raises(WriteError, match="是一个文件夹"):
        export_pdf(doc, tmp_path)
    old = tmp_path / "old.pdf"
    old.write_bytes(b"earlier")

    def locked(src, dst):     # as Windows answers while the PDF is open in a reader
        raise PermissionError(13, "Permission denied", str(dst))
    monkeypatch.setattr("forms.fileio.os.replace", locked)
    with pytest.raises(WriteError, match="权限"):
        export_pdf(doc, old)
    assert old.read_bytes() == b"earlier"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_export_takes_text_still_being_typed(qapp, tmp_path):
    from desktop.narrative_editor import NarrativeEditor
    doc = ReportDocument(pingtan_report())
    editor = NarrativeEditor(doc, "s5")
    editor.text_edit.insertPlainText("三是新增一句尚未交给文档的话。")
    export_pdf(doc, tmp_path / "r.pdf")
    assert "三是新增一句尚未交给文档的话" in flat(pdf_pages(tmp_path / "r.pdf"))
    editor.deleteLater()


def test_print_preview_pages_are_painted(qapp, tmp_path):
    from PySide6.QtPrintSupport import QPrinter
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    document = report_document(ReportDocument(demo_report()))
    pages = paint_on(printer, document)
    assert len(pdf_pages(tmp_path / "printed.pdf")) == pages
    assert all(same_size(size, A4) for size in page_sizes(tmp_path / "printed.pdf"))


def test_missing_fonts_are_told_once(qapp, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    profile = get_profile("official")
    message = missing_fonts_message(profile)
    if message is None:
        pytest.skip("this machine has every official face")
    assert "方正小标宋简体" in message and "Noto" in message
    assert notify_missing_fonts(None, profile) is True
    assert notify_missing_fonts(None, profile) is False
    assert len(shown) == 1


def _pdf_writer(path, dpi: int = 300):
    from PySide6.QtGui import QPdfWriter
    writer = QPdfWriter(str(path))
    writer.setResolution(dpi)
    return writer


def test_print_preview_dialog_opens_and_closes_without_crashing(qapp, qtbot, monkeypatch, qtlog):
    # The dialog does not own its QPrinter; a printer only the dialog referred to was freed under
    # it and the preview crashed the whole application (segmentation fault) when it painted.
    import gc

    from PySide6.QtCore import QTimer
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    import desktop.printing as printing

    monkeypatch.setattr(printing, "notify_missing_fonts", lambda *a: None)
    painted = []
    original_exec = QPrintPreviewDialog.exec

    sizes = []

    def exec_then_close(dialog):
        dialog.paintRequested.connect(lambda printer: painted.append(printer.pageLayout().pageSize().id()))
        sizes.append((dialog.size(), dialog.screen().availableGeometry()))
        gc.collect()
        QTimer.singleShot(1500, dialog.reject)
        return original_exec(dialog)

    monkeypatch.setattr(QPrintPreviewDialog, "exec", exec_then_close)
    printing.print_preview(None, ReportDocument(demo_report()))
    assert painted, "the preview never painted its pages"
    # The preview's printer refuses a new page layout while it paints: asking for one between parts
    # of the same orientation printed 「QPrinter::setPageLayout: Cannot be changed while printer is active」.
    assert [r.message for r in qtlog.records if "setPageLayout" in r.message] == []
    (size, area), = sizes         # 900 × 1000 where the screen has room; on a small one, what fits
    assert size.width() == min(900, area.width() - 16) and size.height() == min(1000, area.height() - 48)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) needed")
def test_printing_to_a_pdf_file_gives_the_text_of_the_export(qapp, tmp_path):
    # 打印 → 打印到文件(PDF): Qt wrote that file itself, and its text read 「⼈⺠政府」 for
    # 「人民政府」 and lost or garbled 「——」, where 导出 PDF gives the real text.
    from PySide6.QtPrintSupport import QPrinter

    from desktop.printing import _paint_or_tell, _printer
    report = demo_report()
    report.set_text_of(report.edition.sections[0].id, "本机关坚持公开为常态——不公开为例外。")
    document = build_document(report)
    path = tmp_path / "printed.pdf"
    printer = _printer(document)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    assert _paint_or_tell(None, printer, document)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    flat = text.stdout.replace("\n", "").replace(" ", "")
    assert "公开为常态——不公开为例外" in flat and "人民政府" in flat
    assert not [c for c in flat if 0x2E80 <= ord(c) < 0x2FE0 or c == "\u2e3a"]
