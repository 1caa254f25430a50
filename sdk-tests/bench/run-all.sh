#!/usr/bin/env bash
# Runs every benchmark of sdk-tests/LlmPython.Benchmarks (resolve, install, noop, bigwheel, manyprojects) in Release and prints
# their tables. Figures, not tests: nothing here runs in `dotnet test`. Usage: sdk-tests/bench/run-all.sh [subcommand…]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
project=sdk-tests/LlmPython.Benchmarks
dotnet build "$project" -c Release -nologo -v:q
if [ "$#" -eq 0 ]; then set -- resolve install noop bigwheel manyprojects; fi
status=0
for which in "$@"; do
  echo
  echo "# $which ($(date -u +%H:%M:%S) UTC)"
  start=$(date +%s)
  dotnet run -c Release --no-build --project "$project" -- "$which" || status=$?
  echo "($which took $(( $(date +%s) - start )) s)"
done
exit $status
