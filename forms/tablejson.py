"""The cell list that ``nianbao show --json`` prints and ``nianbao import`` reads back.

One object per cell, in the edition's order::

    {"table": "收到和处理政府信息公开申请情况", "row": ["三、本年度办理结果", "（一）予以公开"],
     "column": ["申请人情况", "自然人"], "value": 71, "computed": false, "cell": "t3:open:natural"}

``table`` is the table's title, ``row`` the label path (outermost first), ``column`` the header
path, ``value`` a number or null.  ``cell`` is the stable id; a reader may rely on the labels alone.
"""

from __future__ import annotations

from .numbers import as_json_number
from .report import Report


def cell_records(report: Report) -> list[dict]:
    out = []
    for table in report.edition.tables:
        for cell in table.cells:
            out.append({
                "table": table.title,
                "row": [p for p in cell.row.path if p],
                "column": list(cell.column.path),
                "value": as_json_number(report.value(cell.id)),
                "computed": cell.computed,
                "cell": cell.id,
            })
    return out
