#!/usr/bin/env bash
# Runs every benchmark of sdk-tests/LlmPython.Benchmarks (resolve, install, noop, bigwheel, llmstack, manyprojects) in Release and prints
# their tables. Figures, not tests: nothing here runs in `dotnet test`. Usage: sdk-tests/bench/run-all.sh [subcommand[:arg,…]…]
# e.g. `run-all.sh noop manyprojects:20` (a subcommand's arguments follow a colon, comma-separated).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
project=sdk-tests/LlmPython.Benchmarks
dotnet build "$project" -c Release -nologo -v:q
if [ "$#" -eq 0 ]; then set -- resolve install noop bigwheel llmstack manyprojects; fi
status=0
for which in "$@"; do
  name="${which%%:*}"
  args=()
  if [ "$name" != "$which" ]; then IFS=',' read -r -a args <<< "${which#*:}"; fi
  echo
  echo "# $which ($(date -u +%H:%M:%S) UTC)"
  start=$(date +%s)
  dotnet run -c Release --no-build --project "$project" -- "$name" "${args[@]}" || status=$?
  echo "($which took $(( $(date +%s) - start )) s)"
done
exit $status
