"""Dependency audit: pip-audit on requirements.lock, telling a finding from an outage.

Exit 1 when a pinned package has a known vulnerability (or pip-audit fails for another
reason); exit 0 when nothing is found. When the vulnerability service cannot be reached it
prints "dependency audit skipped: vulnerability service unreachable" and exits 0, so that CI
on a machine without that access still runs the rest.

pip-audit itself does not make that distinction: with the PyPI service unreachable (or a
package index mirror that lacks the per-version JSON) it skips every package as "not found on
PyPI" and still reports "No known vulnerabilities found"; with the OSV service it crashes with
a connection error.

    python .ci/audit.py                      # audit requirements.lock
    python .ci/audit.py --from-json FILE     # classify a report written by pip-audit -f json
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIPPED = "dependency audit skipped: vulnerability service unreachable"
# What a failure to reach the service looks like in pip-audit's error output.
OUTAGE_MARKERS = (
    "ConnectionError",
    "NameResolutionError",
    "Max retries exceeded",
    "Timeout",
    "ServiceError",
    "Temporary failure in name resolution",
)


def run_pip_audit(extra_args: list[str]) -> tuple[dict | None, str]:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "audit.json"
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip_audit",
                "-r",
                str(ROOT / "requirements.lock"),
                "--no-deps",
                "--disable-pip",
                "--progress-spinner",
                "off",
                "-f",
                "json",
                "-o",
                str(report),
                *extra_args,
            ],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        data = json.loads(report.read_text()) if report.exists() else None
    return data, result.stderr


def classify(data: dict | None, stderr: str = "") -> int:
    if data is None:
        if any(marker in stderr for marker in OUTAGE_MARKERS):
            print(SKIPPED)
            print(stderr.strip().splitlines()[-1] if stderr.strip() else "", file=sys.stderr)
            return 0
        print("dependency audit failed:\n" + stderr, file=sys.stderr)
        return 1
    dependencies = data.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    audited = len(dependencies) - len(skipped)
    if vulnerable:
        print(f"dependency audit: {len(vulnerable)} pinned package(s) with known vulnerabilities")
        for dependency in vulnerable:
            for vuln in dependency["vulns"]:
                fixes = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
                print(
                    f"  {dependency['name']} {dependency['version']}: {vuln['id']} "
                    f"(fixed in: {fixes})"
                )
        return 1
    if dependencies and audited == 0:
        # Not one package answered, Django included: the service is not there.
        print(SKIPPED)
        return 0
    for dependency in skipped:
        print(f"  not audited: {dependency['skip_reason']}")
    print(f"dependency audit: {audited} pinned packages, no known vulnerabilities")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from-json", type=Path, help="classify an existing pip-audit report")
    args, extra = parser.parse_known_args()
    if args.from_json:
        return classify(json.loads(args.from_json.read_text()))
    data, stderr = run_pip_audit(extra)
    return classify(data, stderr)


if __name__ == "__main__":
    sys.exit(main())
