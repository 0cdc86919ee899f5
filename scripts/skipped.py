"""Closes `./kubelab test`: the tests Surefire skipped with the reason each gave (e.g. a provider that cannot
run here), then one line totalling every module: `Tests: N passed, N failed, N skipped`.

Maven's console summary counts skipped tests per module but does not say why; a skipped provider must.
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

root = sys.argv[1] if len(sys.argv) > 1 else "."
# only reports written by this run (a deleted test's old report must not count)
since = os.path.getmtime(sys.argv[2]) if len(sys.argv) > 2 else 0
rows = {}
total = failed = skipped_total = 0
for path in sorted(glob.glob(f"{root}/*/target/surefire-reports/TEST-*.xml")):
    if os.path.getmtime(path) < since:
        continue
    try:
        suite = ET.parse(path).getroot()
    except ET.ParseError:
        continue
    for case in suite.iter("testcase"):
        total += 1
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        skipped = case.find("skipped")
        if skipped is None:
            continue
        skipped_total += 1
        cls = case.get("classname", "?").rsplit(".", 1)[-1]
        # the message attribute, or (JUnit 5 reporter with phrased names, as in notebooks/) the aborting exception's text
        text = (skipped.text or "").strip().split(": ", 1)[-1] if skipped.text and "Exception" in skipped.text.split(":")[0] else ""
        reason = (skipped.get("message") or text or "no reason given").strip().splitlines()[0]
        rows.setdefault((cls, reason), []).append(case.get("name", "?"))
if rows:
    print("Skipped tests (and why):")
    for (cls, reason), names in sorted(rows.items()):
        print(f"  {cls}: {len(names)} skipped — {reason}")
if total:
    print(f"Tests: {total - failed - skipped_total} passed, {failed} failed, {skipped_total} skipped")
