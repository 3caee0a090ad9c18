#!/usr/bin/env bash
# Builds csat (Release) and runs the flagship study on the bundled data: a power-supply customer-satisfaction
# study (examples/power_study/study.toml). Installs missing packages first. The report is written to
# build/power-study/ (report.md, report.json and SVG pictures).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake --preset demo >/dev/null
cmake --build --preset demo
echo
echo "== csat study examples/power_study/study.toml =="
build/demo/bin/csat study examples/power_study/study.toml
