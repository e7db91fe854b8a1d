"""Tab-separated text as Excel and WPS put it on the clipboard, read and written (no Qt here)."""

from __future__ import annotations


def parse_tsv(text: str) -> list[list[str]]:
    """Rows of cells from clipboard text.

    Excel ends every row with a line break and quotes a cell that holds a tab, a line break or a
    quote (doubling the quotes inside); a trailing line break is not an extra row.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []
    i, n = 0, len(text)
    at_cell_start = True
    while i < n:
        ch = text[i]
        if at_cell_start and ch == '"':
            end, value = _quoted(text, i)
            if end is not None:
                cell.append(value)
                i = end
                at_cell_start = False
                continue
        at_cell_start = False
        if ch == "\t":
            row.append("".join(cell))
            cell, at_cell_start = [], True
        elif ch == "\n":
            row.append("".join(cell))
            rows.append(row)
            row, cell, at_cell_start = [], [], True
        else:
            cell.append(ch)
        i += 1
    if cell or row:
        row.append("".join(cell))
        rows.append(row)
    return rows


def _quoted(text: str, start: int) -> tuple[int | None, str]:
    """A quoted cell starting at ``start``: the index after it and its value, if it is one."""
    out = []
    i = start + 1
    while i < len(text):
        if text[i] == '"':
            if i + 1 < len(text) and text[i + 1] == '"':
                out.append('"')
                i += 2
                continue
            if i + 1 == len(text) or text[i + 1] in "\t\n":
                return i + 1, "".join(out)
            return None, ""      # a quote inside an unquoted cell: take the text as it is
        out.append(text[i])
        i += 1
    return None, ""


def format_tsv(rows: list[list[str]]) -> str:
    """Clipboard text for a block of cells, quoting cells as Excel does."""
    def quote(cell: str) -> str:
        if any(ch in cell for ch in '\t\n"'):
            return '"' + cell.replace('"', '""') + '"'
        return cell
    return "\n".join("\t".join(quote(c) for c in row) for row in rows) + "\n"
