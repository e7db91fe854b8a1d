"""The exports as LibreOffice prints them: A4 pages, every table label on them.

One soffice run converts the four files (the demo's and a 2021 report's .docx and .xlsx) with a
private profile.  A missing LibreOffice or poppler fails these tests: they are the only check that
the files open and print.  (Debian: libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils.)
"""

import re
import shutil
import subprocess
from xml.etree import ElementTree

import pytest

from forms.demo import demo_report
from forms.document import build_document
from forms.export.docx_writer import docx_bytes
from forms.export.xlsx_writer import xlsx_bytes
from forms.layout import grid_of
from forms.narrative import paragraphs

from .sample_reports import pingtan_report

A4 = (595.3, 841.9)
XHTML = "{http://www.w3.org/1999/xhtml}"


def _tool(*names) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(f"{' / '.join(names)} is not installed: the render tests need LibreOffice and poppler-utils")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    soffice = _tool("soffice", "libreoffice")
    folder = tmp_path_factory.mktemp("render")
    reports = {"demo": demo_report(), "p2021": pingtan_report()}
    sources = []
    for name, report in reports.items():
        doc = build_document(report)
        (folder / f"{name}-report.docx").write_bytes(docx_bytes(doc))
        (folder / f"{name}-table.xlsx").write_bytes(xlsx_bytes(doc))
        sources += [f"{name}-report.docx", f"{name}-table.xlsx"]
    profile = folder / "profile"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", "pdf",
                    "--outdir", str(folder / "pdf"), *sources], cwd=folder, capture_output=True, timeout=300)
    pdfs = {s.rsplit(".", 1)[0]: folder / "pdf" / (s.rsplit(".", 1)[0] + ".pdf") for s in sources}
    missing = [str(p) for p in pdfs.values() if not p.exists() or not p.stat().st_size]
    assert not missing, f"soffice made no PDF of {missing}"   # it exits 0 when it fails
    return reports, pdfs


def _page_sizes(pdf) -> list[tuple[float, float]]:
    out = subprocess.run([_tool("pdfinfo"), "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True,
                         check=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out)]


def _cell_texts(pdf) -> list[str]:
    """The PDF's words joined into stacks: words on one line side by side, and lines right under
    each other that overlap horizontally — so a label wrapped inside a table cell reads whole."""
    out = subprocess.run([_tool("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    texts = []
    for page in ElementTree.fromstring(out).iter(f"{XHTML}page"):
        words = sorted((float(w.get("yMin")), float(w.get("yMax")), float(w.get("xMin")), float(w.get("xMax")),
                        w.text or "") for w in page.iter(f"{XHTML}word"))
        stacks = []
        for y0, y1, x0, x1, text in words:
            h = y1 - y0
            target = None
            for s in stacks:   # the next word of the same line in the same cell
                if abs(y0 - s["y0"]) < h * 0.3 and 0 <= x0 - s["x1"] < h * 0.3:
                    target = s
                    break
            if target is None:   # else the line right under, overlapping most
                best = 0.0
                for s in stacks:
                    overlap = min(x1, s["x1"]) - max(x0, s["x0"])
                    if overlap > best and 0 <= y0 - s["y1"] <= h * 0.8:
                        target, best = s, overlap
                if target is not None:
                    target["x0"] = x0
            if target is None:
                stacks.append({"text": text, "y0": y0, "y1": y1, "x0": x0, "x1": x1})
            else:
                target.update(text=target["text"] + text, y0=y0, y1=y1, x1=x1)
        texts += [re.sub(r"\s", "", s["text"]) for s in stacks]
    return texts


def _missing_labels(report, pdf) -> list[str]:
    texts = _cell_texts(pdf)
    missing = []
    for table in report.edition.tables:
        for gc in grid_of(table).cells:
            label = re.sub(r"\s", "", gc.text)
            if label and not any(label in t for t in texts):
                missing.append(gc.text)
    return missing


def _flat(pdf, keep_page_numbers: bool = False) -> str:
    """The PDF's text without whitespace (and without the page numbers that cut paragraphs)."""
    out = subprocess.run([_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    out = re.sub(r"\s", "", out)
    return out if keep_page_numbers else re.sub(r"—\d+—", "", out)


def test_docx_pages_are_a4_portrait(rendered):
    _, pdfs = rendered
    for name, low, high in (("demo-report", 8, 14), ("p2021-report", 3, 6)):
        sizes = _page_sizes(pdfs[name])
        assert low <= len(sizes) <= high, (name, len(sizes))
        assert all(abs(w - A4[0]) < 1 and abs(h - A4[1]) < 1 for w, h in sizes), name


def test_docx_shows_every_heading_paragraph_and_table_label(rendered):
    reports, pdfs = rendered
    for key in ("demo", "p2021"):
        report, pdf = reports[key], pdfs[f"{key}-report"]
        flat = _flat(pdf)
        for section in report.edition.sections:
            for text in [report.heading(section.id)] + paragraphs(report.text(section.id))[:3]:
                assert re.sub(r"\s", "", text)[:30] in flat
        assert _missing_labels(report, pdf) == []
    flat = _flat(pdfs["demo-report"], keep_page_numbers=True)
    for text in ("附件1", "政府信息公开情况统计表", "（2017年度）", "填报单位（盖章）：", "—1—", "—2—"):
        assert text in flat


def test_xlsx_sheets_print_on_a4_in_their_orientation(rendered):
    reports, pdfs = rendered
    demo_sizes = _page_sizes(pdfs["demo-table"])
    assert 1 <= len(demo_sizes) <= 3
    assert all(abs(w - A4[0]) < 1 and abs(h - A4[1]) < 1 for w, h in demo_sizes)
    sizes = _page_sizes(pdfs["p2021-table"])
    portrait = [s for s in sizes if s[0] < s[1]]
    landscape = [s for s in sizes if s[0] > s[1]]
    assert len(portrait) == 1 and len(landscape) >= 2   # 表二 portrait; 表三, 表四 landscape
    for w, h in sizes:
        assert sorted((round(w), round(h))) == [595, 842]
    for key in ("demo", "p2021"):
        assert _missing_labels(reports[key], pdfs[f"{key}-table"]) == []


def test_docx_page_number_line_stands_7_mm_below_the_text_block(rendered):
    # The top of the page number's line box, as the .docx sets it (exact one-em line, footer
    # distance below it), read back from where LibreOffice put the glyphs.  pdftotext gives a
    # word's box from 0.95 em above its baseline to 0.35 em below (poppler's defaults: LibreOffice
    # writes Ascent 0 into its font descriptors), and LibreOffice sets the baseline of an exactly
    # spaced line 80 % of the line down; so the line's top is yMin + 0.95 em − 0.8 em.
    reports, pdfs = rendered
    doc = build_document(reports["demo"])
    size_pt = doc.style(doc.page_numbers.role).size_pt
    expected_mm = doc.page.margin_top_mm + doc.page.text_height_mm + doc.page_numbers.below_text_mm   # 269
    out = subprocess.run([_tool("pdftotext"), "-bbox", str(pdfs["demo-report"]), "-"], capture_output=True,
                         text=True, check=True).stdout
    pages = list(ElementTree.fromstring(out).iter(f"{XHTML}page"))
    assert len(pages) >= 2
    for n, page in enumerate(pages, start=1):    # odd and even footers alike
        (number,) = [w for w in page.iter(f"{XHTML}word")
                     if w.text == str(n) and float(w.get("yMin")) > A4[1] - doc.page.margin_bottom_mm / 25.4 * 72]
        y_min, y_max = float(number.get("yMin")), float(number.get("yMax"))
        assert abs((y_max - y_min) - 1.3 * size_pt) < 0.1, "poppler no longer uses its default ascent/descent"
        line_top_mm = (y_min + (0.95 - 0.8) * size_pt) * 25.4 / 72
        # 0.1 mm, not the ±0.5 mm a clerk could accept: LibreOffice's placement is exact, and the
        # old "single" footer line (its height the font's own) came out 0.15–0.4 mm high
        assert abs(line_top_mm - expected_mm) < 0.1, (n, round(line_top_mm, 2))


def test_docx_body_line_holds_28_characters(tmp_path):
    # GB/T 9704: 28 characters a line.  At -0.25 pt character spacing LibreOffice fitted 27.
    from forms.report import Report
    report = Report.new("2021", 2024, "测试单位")
    report.set_text_of("s1", "测" * 90)
    (tmp_path / "grid.docx").write_bytes(docx_bytes(build_document(report)))
    subprocess.run([_tool("soffice", "libreoffice"), "--headless", f"-env:UserInstallation=file://{tmp_path / 'p'}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), "grid.docx"], cwd=tmp_path,
                   capture_output=True, timeout=300)
    text = subprocess.run([_tool("pdftotext"), "-layout", str(tmp_path / "grid.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    lines = [line.strip() for line in text.splitlines() if line.strip().startswith("测测")]
    assert [len(line) for line in lines] == [26, 28, 28, 8]   # the first line indented two characters
