"""Writes resources/reference.docx: the A4 base document of every exported report.

Run it from the project root (``python3 resources/make_reference_docx.py``) after changing a style
here; the result is committed.  It is written from literal XML rather than from python-docx's
template because that template is US Letter, English, and full of theme fonts (Calibri, 等线):
here there is no theme part and no ``asciiTheme``/``eastAsiaTheme`` anywhere, the language is
zh-CN, and the page is GB/T 9704 A4 with the 22 × 28 document grid.

The styles carry the official font profile; the .docx writer (forms/export/docx_writer.py)
rewrites their font names and sizes from the chosen profile, and writes each section's page setup,
so this file holds the structure: style ids, paragraph settings, compatibility settings.
The same input gives the same bytes (fixed zip timestamps, fixed order).
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
OUT = Path(__file__).with_name("reference.docx")

LATIN = "Times New Roman"


def fonts(east_asia: str, latin: str = LATIN) -> str:
    return f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asia}" w:cs="{latin}"/>'


def size(pt: float) -> str:
    half = int(round(pt * 2))
    return f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'


def paragraph_style(style_id: str, name: str, ppr: str, rpr: str, based_on: str | None = "Normal",
                    next_id: str | None = None) -> str:
    attrs = ' w:default="1"' if style_id == "Normal" else ""
    parts = [f'<w:style w:type="paragraph"{attrs} w:styleId="{style_id}"><w:name w:val="{name}"/>']
    if based_on:
        parts.append(f'<w:basedOn w:val="{based_on}"/>')
    if next_id:
        parts.append(f'<w:next w:val="{next_id}"/>')
    parts.append('<w:qFormat/>')
    parts.append(f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>")
    return "".join(parts)


# Text lines stand on a fixed 28.95 pt pitch (22 lines in 225 mm) instead of snapping to the
# document grid: LibreOffice gives a 16 pt character that is wider than Word's 15.8 pt grid cell two
# cells, doubling the spacing; a fixed pitch and -0.25 pt character spacing on the 16 pt styles
# (set by the writer) give 22 lines of 28 characters in Word, WPS and LibreOffice alike.
LINE_PITCH = '<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"/>'
BODY_PPR = '<w:ind w:firstLineChars="200" w:firstLine="640"/>'
NO_GRID = '<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'


def styles_xml() -> str:
    lang = '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
    defaults = (f'<w:docDefaults><w:rPrDefault><w:rPr>{fonts("仿宋_GB2312")}<w:kern w:val="2"/>{size(16)}'
                f'{lang}</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val="0"/>'
                '<w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>')
    styles = [
        paragraph_style("Normal", "Normal", '<w:widowControl w:val="0"/>' + LINE_PITCH + '<w:jc w:val="both"/>',
                        fonts("仿宋_GB2312") + size(16), based_on=None),
        paragraph_style("Title", "Title", '<w:keepNext/><w:jc w:val="center"/>',
                        fonts("方正小标宋简体") + '<w:b w:val="0"/>' + size(22), next_id="GwBody"),
        paragraph_style("GwBody", "公文正文", BODY_PPR, fonts("仿宋_GB2312") + size(16)),
    ]
    heading_faces = ("黑体", "楷体_GB2312", "仿宋_GB2312", "仿宋_GB2312")
    for level, face in enumerate(heading_faces, start=1):
        styles.append(paragraph_style(
            f"Heading{level}", f"heading {level}",
            f'<w:keepNext/>{BODY_PPR}<w:outlineLvl w:val="{level - 1}"/>',
            fonts(face) + '<w:b w:val="0"/>' + size(16), next_id="GwBody"))
    styles += [
        paragraph_style("GwAttachmentLabel", "附件标识", '<w:jc w:val="left"/>',
                        fonts("黑体") + size(16), next_id="GwBody"),
        paragraph_style("GwAttachmentTitle", "附件标题", '<w:keepNext/><w:jc w:val="center"/>',
                        fonts("方正小标宋简体") + size(22), next_id="GwBody"),
        paragraph_style("GwTable", "表格文字", NO_GRID + '<w:jc w:val="center"/>',
                        fonts("仿宋_GB2312") + size(12)),
        paragraph_style("GwTableHeader", "表格表头", NO_GRID + '<w:jc w:val="center"/>',
                        fonts("黑体") + size(12), based_on="GwTable"),
        paragraph_style("Footer", "footer", '<w:tabs><w:tab w:val="center" w:pos="4153"/>'
                        '<w:tab w:val="right" w:pos="8306"/></w:tabs>' + NO_GRID,
                        fonts("宋体", "宋体") + size(14)),
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        '<w:unhideWhenUsed/></w:style>',
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
    ]
    return f'{HEAD}<w:styles xmlns:w="{W}" xmlns:r="{R}">{defaults}{"".join(styles)}</w:styles>'


def settings_xml() -> str:
    return (f'{HEAD}<w:settings xmlns:w="{W}" xmlns:r="{R}">'
            '<w:zoom w:percent="100"/>'
            '<w:bordersDoNotSurroundHeader/><w:bordersDoNotSurroundFooter/>'
            '<w:defaultTabStop w:val="420"/>'
            '<w:evenAndOddHeaders/>'
            '<w:drawingGridHorizontalSpacing w:val="158"/>'
            '<w:drawingGridVerticalSpacing w:val="290"/>'
            '<w:displayHorizontalDrawingGridEvery w:val="0"/>'
            '<w:displayVerticalDrawingGridEvery w:val="2"/>'
            '<w:characterSpacingControl w:val="compressPunctuation"/>'
            '<w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/>'
            '<w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:useFELayout/>'
            '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
            '</w:compat>'
            '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
            '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
            '</w:settings>')


def document_xml() -> str:
    # One empty paragraph and the A4 page; the writer replaces both.
    sect = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" '
            'w:footer="1247" w:gutter="0"/><w:cols w:space="425"/>'
            '<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-841"/></w:sectPr>')
    return (f'{HEAD}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>'
            f'<w:p><w:pPr><w:pStyle w:val="GwBody"/></w:pPr></w:p>{sect}</w:body></w:document>')


def font_table_xml() -> str:
    return (f'{HEAD}<w:fonts xmlns:w="{W}" xmlns:r="{R}">'
            f'<w:font w:name="{LATIN}"><w:charset w:val="00"/><w:family w:val="roman"/>'
            '<w:pitch w:val="variable"/></w:font>'
            '<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:charset w:val="86"/>'
            '<w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
            '</w:fonts>')


CONTENT_TYPES = (
    f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/fontTable.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    '</Types>')

PACKAGE_RELS = (
    f'{HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    'core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'extended-properties" Target="docProps/app.xml"/>'
    '</Relationships>')

DOCUMENT_RELS = (
    f'{HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'styles" Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'settings" Target="settings.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'fontTable" Target="fontTable.xml"/>'
    '</Relationships>')

CORE = (
    f'{HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    '<dc:title>政府信息公开工作年度报告</dc:title><dc:creator>nianbao</dc:creator>'
    '<dc:language>zh-CN</dc:language>'
    '<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:modified>'
    '</cp:coreProperties>')

APP = (
    f'{HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    '<Application>nianbao</Application></Properties>')


def parts() -> list[tuple[str, str]]:
    return [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", PACKAGE_RELS),
        ("docProps/core.xml", CORE),
        ("docProps/app.xml", APP),
        ("word/document.xml", document_xml()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/styles.xml", styles_xml()),
        ("word/settings.xml", settings_xml()),
        ("word/fontTable.xml", font_table_xml()),
    ]


def write(path: Path = OUT) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts():
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, text.encode("utf-8"))
    return path


if __name__ == "__main__":
    print(write(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
