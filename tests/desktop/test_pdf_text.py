"""The PDF's text layer reads as printed: a ligature glyph (「——」 drawn as one) gives back its
characters, and the file stays well formed after its map grows."""

import re
import shutil
import subprocess

import pytest

from desktop.document import ReportDocument
from desktop.pdf_text import expand_ligatures
from desktop.printing import export_pdf
from forms.demo import demo_report


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
def test_a_double_dash_reads_as_two_dashes_and_the_file_stays_sound(qapp, tmp_path):
    report = demo_report()
    section = report.edition.sections[0].id
    report.set_text_of(section, "本机关坚持公开为常态——不公开为例外，全年主动公开信息1234条。")
    path = tmp_path / "dash.pdf"
    export_pdf(ReportDocument(report), path)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    flat = text.stdout.replace("\n", "").replace(" ", "")
    assert "公开为常态——不公开为例外" in flat
    assert "\u2e3a" not in flat
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
