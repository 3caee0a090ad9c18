#!/usr/bin/env bash
# Builds csat (Release) and runs the demonstration on the bundled data. Installs missing packages first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target csat_cli
echo
echo "== csat describe examples/data/power_survey.csv --scale ... =="
build/release/bin/csat describe examples/data/power_survey.csv
