"""The exported .docx and .xlsx are valid Office Open XML as Word, Excel and WPS read them.

Word repairs or refuses a file whose property elements come out of the schema's order, so the
order of every property container the writers emit is checked against ECMA-376 (the Open XML SDK's
sequences), and the whole packages go through openxml-audit, a pure-Python port of the SDK's
OpenXmlValidator, for Office 2019.
"""

import io
import zipfile

import pytest
from lxml import etree
from openxml_audit.errors import FileFormat, ValidationErrorType, ValidationSeverity
from openxml_audit.validator import OpenXmlValidator

from forms.demo import demo_report
from forms.document import build_document
from forms.export.docx_writer import docx_bytes
from forms.export.xlsx_writer import FONT_CHILD_ORDER, append_table_sheet, excel_font_order, xlsx_bytes

from .sample_reports import pingtan_report

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
S_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

# Child order of WordprocessingML containers (ECMA-376 Part 1 §17, as the Open XML SDK has it);
# names on one line inside a tuple may come in any order among themselves.
_PPR = ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
        "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
        "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
        "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange")
_RPR = ("ins del moveFrom moveTo rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow "
        "emboss imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight "
        "u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath rPrChange")
_BORDERS = "top left start bottom right end insideH insideV tl2br tr2bl"
WORD_ORDER = {
    "pPr": _PPR, "rPr": _RPR,
    "tblPr": ("tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
              "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription "
              "tblPrChange"),
    "tcPr": ("cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign "
             "hideMark cellIns cellDel cellMerge tcPrChange"),
    "sectPr": ("headerReference|footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders "
               "lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter "
               "docGrid printerSettings sectPrChange"),
    "tblBorders": _BORDERS, "tcBorders": _BORDERS, "tblCellMar": _BORDERS,
    "tbl": "tblPr tblGrid tr", "tr": "tblPrEx trPr tc", "tc": "tcPr p|tbl", "p": "pPr r", "r": "rPr br|t|tab|fldChar|instrText",
    "font": "altName panose1 charset family notTrueType pitch sig embedRegular embedBold embedItalic embedBoldItalic",
    "style": ("name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed qFormat "
              "locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr"),
    "docDefaults": "rPrDefault pPrDefault",
    "settings": ("writeProtection view zoom removePersonalInformation removeDateAndTime "
                 "doNotDisplayPageBoundaries displayBackgroundShape printPostScriptOverText "
                 "printFractionalCharacterWidth printFormsData embedTrueTypeFonts embedSystemFonts "
                 "saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges bordersDoNotSurroundHeader "
                 "bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors hideGrammaticalErrors "
                 "activeWritingStyle proofState formsDesign attachedTemplate linkStyles stylePaneFormatFilter "
                 "stylePaneSortMethod documentType mailMerge revisionView trackRevisions doNotTrackMoves "
                 "doNotTrackFormatting documentProtection autoFormatOverride styleLockTheme styleLockQFSet "
                 "defaultTabStop autoHyphenation consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps "
                 "showEnvelope summaryLength clickAndTypeStyle defaultTableStyle evenAndOddHeaders "
                 "bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets drawingGridHorizontalSpacing "
                 "drawingGridVerticalSpacing displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery "
                 "doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin drawingGridVerticalOrigin "
                 "doNotShadeFormData noPunctuationKerning characterSpacingControl printTwoOnOne "
                 "strictFirstAndLastChars noLineBreaksAfter noLineBreaksBefore savePreviewPicture "
                 "doNotValidateAgainstSchema saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText "
                 "doNotDemarcateInvalidXml saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags "
                 "alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat docVars "
                 "rsids mathPr attachedSchema themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats "
                 "doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown smartTagType "
                 "schemaLibrary shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator"),
}
# The worksheet's children (ECMA-376 Part 1 §18.3.1.99).
SHEET_ORDER = ("sheetPr dimension sheetViews sheetFormatPr cols sheetData sheetCalcPr sheetProtection "
               "protectedRanges scenarios autoFilter sortState dataConsolidate customSheetViews mergeCells "
               "phoneticPr conditionalFormatting dataValidations hyperlinks printOptions pageMargins pageSetup "
               "headerFooter rowBreaks colBreaks customProperties cellWatches ignoredErrors smartTags drawing "
               "legacyDrawing legacyDrawingHF drawingHF picture oleObjects controls webPublishItems tableParts "
               "extLst")


def _ranks(order: str) -> dict[str, int]:
    return {name: i for i, names in enumerate(order.split()) for name in names.split("|")}


def _order_errors(root, ns: str, orders: dict[str, str], part: str) -> list[str]:
    """Each container whose children are out of order, or not of its content model at all."""
    ranks = {tag: _ranks(order) for tag, order in orders.items()}
    out = []
    for el in root.iter(f"{{{ns}}}*"):
        rank = ranks.get(etree.QName(el).localname)
        if rank is None:
            continue
        seen = []
        for child in el:
            name = etree.QName(child).localname
            if etree.QName(child).namespace != ns or name not in rank:
                out.append(f"{part} {root.getroottree().getpath(el)}: unexpected <{name}>")
            else:
                seen.append((rank[name], name))
        if [r for r, _ in seen] != sorted(r for r, _ in seen):
            out.append(f"{part} {root.getroottree().getpath(el)}: children out of order {[n for _, n in seen]}")
    return out


def _xml_parts(data: bytes, prefix: str) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: etree.fromstring(zf.read(n)) for n in zf.namelist()
                if n.startswith(prefix) and n.endswith(".xml") and "_rels" not in n}


def _documents():
    return {
        "demo": build_document(demo_report()),
        "demo-windows-bold3": build_document(demo_report(), "windows", bold_level3=True),
        "pingtan-2021": build_document(pingtan_report()),
        "pingtan-2019": build_document(pingtan_report("2019", 2020)),
    }


@pytest.fixture(scope="module")
def exports():
    return {name: (docx_bytes(doc), xlsx_bytes(doc)) for name, doc in _documents().items()}


def test_word_containers_keep_the_schema_order(exports):
    errors = []
    for name, (docx_data, _) in exports.items():
        for part, root in _xml_parts(docx_data, "word/").items():
            errors += [f"{name}: {e}" for e in _order_errors(root, W_NS, WORD_ORDER, part)]
    assert not errors, "\n".join(errors[:20])


def test_order_check_catches_a_misplaced_property():
    """The check above is no tautology: <w:jc> before <w:ind> in a paragraph is caught."""
    bad = etree.fromstring(f'<w:p xmlns:w="{W_NS}"><w:pPr><w:jc w:val="both"/><w:ind w:left="0"/></w:pPr></w:p>')
    assert _order_errors(bad, W_NS, WORD_ORDER, "x")


def test_excel_fonts_list_their_properties_in_excel_order(exports):
    """openpyxl writes <name> before <sz>, <b> and <color>; the SDK's validator calls each an error."""
    order = {name: i for i, name in enumerate(FONT_CHILD_ORDER)}
    for name, (_, xlsx_data) in exports.items():
        styles = _xml_parts(xlsx_data, "xl/styles.xml")["xl/styles.xml"]
        fonts = list(styles.iter(f"{{{S_NS}}}font"))
        assert fonts, name
        for font in fonts:
            names = [etree.QName(child).localname for child in font]
            assert [order[n] for n in names] == sorted(order[n] for n in names), (name, names)
    # bold, colour and size all move ahead of the name, and nothing is lost
    snippet = (f'<styleSheet xmlns="{S_NS}"><fonts><font><name val="宋体"/><family val="2"/><b val="1"/>'
               '<color rgb="FF000000"/><sz val="11"/></font></fonts></styleSheet>').encode()
    fixed = etree.fromstring(excel_font_order(snippet))
    font = fixed.find(f"{{{S_NS}}}fonts/{{{S_NS}}}font")
    assert [etree.QName(c).localname for c in font] == ["b", "sz", "color", "name", "family"]
    assert font.find(f"{{{S_NS}}}name").get("val") == "宋体"


def test_extra_sheets_fonts_are_in_order_too():
    doc = build_document(demo_report())
    data = xlsx_bytes(doc, extra_sheets=[lambda wb: append_table_sheet(wb, "分单位", ["单位", "数"], [["甲", 1]])])
    styles = _xml_parts(data, "xl/styles.xml")["xl/styles.xml"]
    bold = [f for f in styles.iter(f"{{{S_NS}}}font") if f.find(f"{{{S_NS}}}b") is not None]
    assert bold and all(etree.QName(f[0]).localname == "b" for f in bold)


def test_worksheets_keep_the_schema_order(exports):
    errors = []
    for name, (_, xlsx_data) in exports.items():
        for part, root in _xml_parts(xlsx_data, "xl/worksheets/").items():
            errors += [f"{name}: {e}" for e in _order_errors(root, S_NS, {"worksheet": SHEET_ORDER}, part)]
    assert not errors, "\n".join(errors)


# The reference document has no theme part on purpose (no theme fonts anywhere); neither ECMA-376
# nor the Open XML SDK requires one, Word and WPS open such files, and only openxml-audit's strict
# policy asks for it.
NO_THEME = "relationships/theme' is missing"


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_openxml_audit_finds_no_schema_or_semantic_error(exports, kind, tmp_path):
    validator = OpenXmlValidator(file_format=FileFormat.OFFICE_2019, max_errors=0, strict=True)
    problems = []
    for name, files in exports.items():
        path = tmp_path / f"{name}.{kind}"
        path.write_bytes(files[0] if kind == "docx" else files[1])
        for e in validator.validate(path).errors:
            if NO_THEME in e.description:
                continue
            # warnings that are not about the schema (Excel re-saving inline strings as shared
            # strings) are no defect; schema findings are, whatever their severity
            if e.severity == ValidationSeverity.ERROR or e.error_type == ValidationErrorType.SCHEMA:
                problems.append(f"{name}.{kind} {e.part_uri} {e.path}: {e.description}")
    assert not problems, "\n".join(problems[:20])
