#!/usr/bin/env bash
# Builds csat and runs its whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer (the ci workflow
# preset: clang, which also builds the fuzz targets for the fuzz smoke test). Installs missing packages first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh clang libclang-rt-dev
cmake --workflow --preset ci
