"""How long 汇总 takes: generates N unit reports (default 1,000, edition 2021, each with its own
numbers and a narrative) in a temporary folder and times ``nianbao aggregate`` on them.

    python3 bench/aggregate.py [N] [--xlsx]
    python3 bench/aggregate.py [N] --dialog [--latency MS]

Prints the time to read, check and sum them and, with --xlsx, to write the attachment with the
per-unit breakdown.  With --dialog, the 汇总 dialog (offscreen, or on $DISPLAY with
QT_QPA_PLATFORM=xcb) on a folder of N files, 50 of them spreadsheets written by
``nianbao export`` and one report in forty of the year before: the time to add the folder, to
change the year, to start the sum and see its results, the longest the window did not repaint
in each, and how often each report file was read; ``--latency`` adds MS to each report file's
reading, as a share on a slow network would.  A measurement, not a test: nothing is asserted.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
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


SHEETS = 50


def unit_folder(folder: Path, count: int, rng: random.Random) -> None:
    """``count`` units' files: spreadsheets exported by the program itself, the rest report files."""
    for i in range(count - SHEETS):
        report = unit_report(i, rng)
        if i % 40 == 0:
            report.meta.year = 2024          # last year's file sent again
        save_report(report, folder / f"unit{i:04d}.nianbao")
    with tempfile.TemporaryDirectory() as home:
        sheet = Path(home, "sheet.xlsx")
        subprocess.run([sys.executable, "-m", "desktop.main", "export", str(folder / "unit0001.nianbao"),
                        "--xlsx", str(sheet), "--docx", str(Path(home, "sheet.docx"))],
                       check=True, capture_output=True, cwd=Path(__file__).resolve().parents[1],
                       env=dict(os.environ, HOME=home, QT_QPA_PLATFORM="offscreen"))
        for i in range(SHEETS):
            shutil.copy(sheet, folder / f"乡镇{i:02d}.xlsx")


def dialog_bench(count: int, latency_ms: float) -> None:
    from collections import Counter

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.aggregate_dialog import AggregateDialog
    from forms import aggregate as forms_aggregate
    app = QApplication.instance() or QApplication([])
    reads: Counter = Counter()
    real_read = forms_aggregate._read_report_file

    def read(path):
        reads[path] += 1
        time.sleep(latency_ms / 1000)
        return real_read(path)
    forms_aggregate._read_report_file = read

    def answer(box):                       # 「按 2025 年度汇总」: the files of 2024 left out
        next(b for b in box.buttons() if b.text().startswith("按")).click()
        return 0
    QMessageBox.exec = answer
    gaps, last = [0.0], [time.perf_counter()]

    def tick():
        now = time.perf_counter()
        gaps[0], last[0] = max(gaps[0], now - last[0]), now
    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)

    def measure(what: str, act, done=lambda: True) -> None:
        for _ in range(5):
            app.processEvents()
        reads.clear()
        last[0], gaps[0] = time.perf_counter(), 0.0
        started = time.perf_counter()
        act()
        while not done():
            app.processEvents()
        app.processEvents()
        print(f"{what}：{time.perf_counter() - started:.2f} 秒，窗口最长 {gaps[0]:.2f} 秒未响应，"
              f"读取年报 {sum(reads.values())} 次（{len(reads)} 份）")

    with tempfile.TemporaryDirectory() as folder:
        unit_folder(Path(folder), count, random.Random(2025))
        print(f"{count} 个文件（{SHEETS} 份统计表），每份年报读取另加 {latency_ms:g} 毫秒")
        dialog = AggregateDialog(lambda report: True)
        dialog.show()
        measure("添加文件夹", lambda: dialog.add_paths([folder]))
        measure("改选报告年度", lambda: dialog.year.setValue(2024))
        dialog.year.setValue(2025)
        measure("开始汇总到看到结果", dialog.start, lambda: dialog.worker is None)
        print(f"    {dialog.status.text()}")
        dialog.unit.setText("测试县人民政府")
        measure("改汇总单位后再次汇总", dialog.start, lambda: dialog.worker is None)
        # Gone before the application: left to the interpreter's exit, xcb crashed now and then.
        timer.stop()
        dialog.close()
        del dialog
        app.processEvents()


def main(argv: list[str]) -> int:
    count = int(next((a for a in argv if a.isdigit()), "1000"))
    if "--dialog" in argv:
        latency = float(argv[argv.index("--latency") + 1]) if "--latency" in argv else 0.0
        dialog_bench(count, latency)
        return 0
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
