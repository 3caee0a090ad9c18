#!/usr/bin/env bash
# Builds csat and runs its whole test suite (the CI workflow preset). Installs missing packages first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake --workflow --preset ci
