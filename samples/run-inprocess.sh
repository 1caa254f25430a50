#!/usr/bin/env bash
# Packs the SDK from this repo and runs samples/InProcess (pythonnet, offline Python wheels) against it.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
dotnet pack src/Sdk -c Release -o artifacts/packages -nologo
# A re-packed 0.1.0 must replace the copy NuGet extracted last time.
rm -rf artifacts/samples-packages/llmpython.sdk
dotnet run --project samples/InProcess -- "$@"
