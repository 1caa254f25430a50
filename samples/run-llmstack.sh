#!/usr/bin/env bash
# Packs the SDK, generates a PyPI + download.pytorch.org look-alike demo index (samples/LlmStack/make_demo_index.py),
# serves it on 127.0.0.1 with python3 -m http.server, and builds samples/LlmStack for a described GPU machine
# (NVIDIA driver 550.54.14, compute capability 8.6 → PyTorch backend cu124), shows PythonGpuInfo and runs the app.
# Extra arguments go to every dotnet build (e.g. -p:PythonTargetCudaDriver=none for a machine without a GPU).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
python="${PYTHON:-python3}"

dotnet pack src/Sdk -c Release -o artifacts/packages -nologo
# A re-packed 0.1.0 must replace the copy NuGet extracted last time.
rm -rf artifacts/samples-packages/llmpython.sdk

index="$repo/artifacts/llmstack-demo-index"
rm -rf "$index"
"$python" samples/LlmStack/make_demo_index.py "$index"

port="$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
"$python" -m http.server --bind 127.0.0.1 --directory "$index" "$port" >"$repo/artifacts/llmstack-demo-index.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
# Wait (10 s at most) until the server answers.
"$python" - "$port" <<'PY'
import sys, time, urllib.request
for _ in range(100):
    try:
        urllib.request.urlopen("http://127.0.0.1:%s/simple/" % sys.argv[1], timeout=1).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit("the demo index server did not start")
PY

properties=(
  "-p:PythonIndexUrl=http://127.0.0.1:$port/simple"
  "-p:PyTorchIndexUrl=http://127.0.0.1:$port/whl"
  "-p:PythonTargetCudaDriver=550.54.14"
  "-p:PythonTargetComputeCapability=8.6"
)
# -v:n logs the engine's one-line backend decision ("PyTorch backend: cu124 (...)"); the rest of that log goes to a file.
log="$repo/artifacts/llmstack-build.log"
if ! dotnet build samples/LlmStack -nologo -v:n "${properties[@]}" "$@" >"$log" 2>&1; then
  grep -E "error|warning" "$log" || tail -n 40 "$log"
  exit 1
fi
grep -E "PyTorch backend:| -> |Build succeeded" "$log" | sed 's/^ *//'
dotnet build samples/LlmStack -nologo -t:PythonGpuInfo "${properties[@]}" "$@"
dotnet run --project samples/LlmStack --no-build
