"""The PDF's text layer reads as printed: a ligature glyph (「——」 drawn as one) gives back its
characters, and the file stays well formed after its map grows."""

import re
import shutil
import subprocess

import pytest
from PySide6.QtCore import QLocale

from desktop.app_style import install_translations
from desktop.document import ReportDocument
from desktop.pdf_text import expand_ligatures
from desktop.printing import export_pdf
from forms.demo import demo_report


@pytest.fixture
def restored_locale():
    before = QLocale()
    yield
    QLocale.setDefault(before)


def xref_offsets_point_at_their_objects(pdf: bytes) -> bool:
    start = int(re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", pdf).group(1))
    table = re.match(rb"xref\r?\n0 (\d+)\r?\n", pdf[start:])
    first = start + table.end()
    for number in range(int(table.group(1))):
        entry = pdf[first + 20 * number:first + 20 * number + 20]
        if entry[17:18] == b"n" and not pdf[int(entry[:10]):].startswith(b"%d 0 obj" % number):
            return False
    return True


def stream_lengths_hold(pdf: bytes) -> bool:
    for m in re.finditer(rb"/Length (\d+) >>\s*stream\r?\n", pdf):
        end = m.end() + int(m.group(1))
        if not re.match(rb"\r?\n?endstream", pdf[end:end + 12]):
            return False
    return True


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) needed")
@pytest.mark.parametrize("chinese", [False, True], ids=["no-locale", "chinese-as-the-program-runs"])
def test_a_double_dash_reads_as_two_dashes_and_the_file_stays_sound(qapp, tmp_path, chinese, restored_locale):
    # Shaped for Chinese (desktop/app_style.py sets the locale) the dashes are a glyph with no code
    # point and were missing from the text; shaped for no language they read 「⸺」.
    if chinese:
        install_translations(qapp)
    else:
        QLocale.setDefault(QLocale.c())
    report = demo_report()
    section = report.edition.sections[0].id
    report.set_text_of(section, "本机关坚持公开为常态——不公开为例外，全年主动公开信息1234条。")
    path = tmp_path / "dash.pdf"
    export_pdf(ReportDocument(report), path)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    flat = text.stdout.replace("\n", "").replace(" ", "")
    assert "公开为常态——不公开为例外" in flat
    assert "\u2e3a" not in flat
    assert "万元1——次" in flat                         # the 2014 table's 「——」 unit column too
    assert text.stderr == ""                          # poppler found nothing to repair
    pdf = path.read_bytes()
    assert xref_offsets_point_at_their_objects(pdf)
    assert stream_lengths_hold(pdf)


def test_a_pdf_not_laid_out_as_qt_writes_it_is_left_as_it_is():
    cmap = b"1 beginbfchar\n<0005> <2E3A>\nendbfchar\n"
    stream = b"<< /Length 7 0 R >>\nstream\n" + cmap + b"endstream\n"
    pdf = b"%PDF-1.4\n4 0 obj\n" + stream + b"endobj\nstartxref\n9\n%%EOF\n"
    assert expand_ligatures(pdf) == pdf                # indirect length, no xref table: untouched


def test_a_counting_range_is_not_given_two_characters():
    # 「<lo> <hi> <dst>」 maps lo…hi to dst, dst+1, …: spelling dst out would shift the rest.
    cmap = b"1 beginbfrange\n<0004> <0006> <2E3A>\nendbfrange\n"
    body = b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream\n"
    head = b"%PDF-1.4\n"
    obj = b"1 0 obj\n" + body + b"endobj\n"
    xref = b"xref\n0 2\n0000000000 65535 f \n%010d 00000 n \n" % len(head)
    pdf = head + obj + xref + b"trailer\n<< /Size 2 >>\nstartxref\n%d\n%%%%EOF\n" % (len(head) + len(obj))
    assert expand_ligatures(pdf) == pdf
    single = pdf.replace(b"<0004> <0006> <2E3A>", b"<0004> <0004> <2E3A>")
    grown = expand_ligatures(single)
    assert b"<0004> <0004> <20142014>" in grown
    assert xref_offsets_point_at_their_objects(grown) and stream_lengths_hold(grown)


def test_a_glyph_without_code_point_is_named_by_its_width_and_only_that():
    from desktop.pdf_text import map_unmapped_glyphs

    cmap = b"1 beginbfchar\n<0001> <653F>\nendbfchar\nendcmap\n"
    objects = [b"<< /Type /Font\n/Subtype /Type0\n/DescendantFonts [2 0 R]\n/ToUnicode 3 0 R>>\n",
               b"<< /Type /Font\n/Subtype /CIDFontType2\n/W [0 [1000 1000 2000] 3 4 3000 5 [1500]\n]\n>>\n",
               b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream\n"]
    pdf, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"endobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    pdf += b"trailer\n<< /Size 4 >>\nstartxref\n%d\n%%%%EOF\n" % xref
    grown = map_unmapped_glyphs(pdf, {2000: "——", 3000: "———"})
    assert b"3 beginbfchar\n<0002> <20142014>\n<0003> <201420142014>\n<0004> <201420142014>\nendbfchar\n" in grown
    assert b"<0005>" not in grown                      # 1.5 characters wide: not a dash, left alone
    assert xref_offsets_point_at_their_objects(grown) and stream_lengths_hold(grown)
