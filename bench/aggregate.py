"""How long 汇总 takes: generates N unit reports (default 1,000, edition 2021, each with its own
numbers and a narrative) in a temporary folder and times ``nianbao aggregate`` on them.

    python3 bench/aggregate.py [N] [--xlsx]

Prints the time to read, check and sum them and, with --xlsx, to write the attachment with the
per-unit breakdown.  A measurement, not a test: nothing is asserted.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # run as a script from anywhere

from forms.aggregate import aggregate, attachment_bytes  # noqa: E402
from forms.report import Report  # noqa: E402
from forms.storage import save_report  # noqa: E402


def unit_report(i: int, rng: random.Random) -> Report:
    """A unit's report whose 表三 balances (R1) and with a narrative that agrees with it."""
    report = Report.new("2021", 2025, f"测试县第{i:04d}局")
    values = {}
    for spec in report.edition.input_cells():
        if spec.kind == "money":
            values[spec.id] = Decimal(rng.randint(0, 99999)) / 100
        elif spec.id.startswith("t3:"):
            values[spec.id] = rng.choice((0, 0, 0, 1, 2, 5))
        else:
            values[spec.id] = rng.choice((0, 0, 0, 1, 2, 5, 13))
    report.set_many(values)
    for col in ("natural", "business", "research", "charity", "legal", "others"):
        handled = report.value(f"t3:total:{col}") + report.value(f"t3:next:{col}")
        carry = min(report.value(f"t3:carry:{col}"), handled)
        report.set_many({f"t3:carry:{col}": carry, f"t3:new:{col}": handled - carry})
    report.set_text_of("s1", f"（一）主动公开。全年主动公开政府信息{rng.randint(100, 999)}条。\n"
                             f"（二）依申请公开。全年新收政府信息公开申请{report.value('t3:new:total')}件。")
    report.set_text_of("s6", "本年度未收取信息处理费。")
    return report


def main(argv: list[str]) -> int:
    count = int(next((a for a in argv if a.isdigit()), "1000"))
    rng = random.Random(2025)
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        for i in range(count):
            save_report(unit_report(i, rng), Path(folder) / f"unit{i:04d}.nianbao")
        made = time.perf_counter()
        result = aggregate([folder], "测试县人民政府")
        summed = time.perf_counter()
        print(f"{count} 份单位报告：生成 {made - started:.2f} 秒；读取、检查并汇总 {summed - made:.2f} 秒"
              f"（每份 {(summed - made) / count * 1000:.2f} 毫秒），计入 {len(result.units)} 份，"
              f"问题 {len(result.problems)} 项")
        if "--xlsx" in argv:
            data = attachment_bytes(result)
            print(f"附件（含分单位明细 {count * len(result.total.edition.input_cells())} 行）："
                  f"{time.perf_counter() - summed:.2f} 秒，{len(data) / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
