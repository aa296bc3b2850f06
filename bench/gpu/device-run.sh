#!/usr/bin/env bash
# Runs the GPU workloads (bench/gpu/main.ts, bundled) on a lent GPU machine and writes $OUT/gpu-results.md, the
# table to paste into bench/RESULTS.md under "GPU on a lent device", with the GPU's name; the log goes to
# $OUT/gpu-bench.log. Needs .gpu-carry/ from bench/gpu/prepare.sh, carried along (see bench/README.md).
#
# Usage (repository root): bash bench/gpu/device-run.sh [bench args, default --gpu=full]
#   e.g. on this machine's software adapter: OUT=/tmp/o bash bench/gpu/device-run.sh --quick
# Environment: OUT (default /tmp/gpu-bench-out), GPU_BENCH_LIMIT_S (default 500: the bench is stopped then, and
# the tables finished so far are kept in $OUT/gpu-results.partial.md).
set -uo pipefail
cd "$(dirname "$0")/../.."
C=.gpu-carry
OUT=${OUT:-/tmp/gpu-bench-out}
mkdir -p "$OUT"
[[ -f $C/bench.tar.xz ]] || { echo "device-run: $C/bench.tar.xz is missing: run bash bench/gpu/prepare.sh here first and carry $C" >&2; exit 2; }

# 1. the Vulkan/EGL loaders, only where there are none (the GPU machine); never over a machine's own
if ! ldconfig -p | grep -q 'libvulkan.so.1 '; then
  for f in "$C"/gl/*.deb; do dpkg -x "$f" /; done
  ldconfig
fi
# 2. the NVIDIA driver's Vulkan ICD (and EGL vendor file), where the driver is mounted
nv=/usr/local/nvidia/share
if [[ -f $nv/vulkan/icd.d/nvidia_icd.json ]]; then
  export VK_DRIVER_FILES=$nv/vulkan/icd.d/nvidia_icd.json
  export __EGL_VENDOR_LIBRARY_FILENAMES=$nv/glvnd/egl_vendor.d/10_nvidia.json
fi
# 3. node, the bundle and the webgpu package, unpacked with Python's lzma (the image may have no xz)
dir=$(mktemp -d /tmp/gpu-bench.XXXXXX)
python3 -c "import sys, tarfile; tarfile.open(sys.argv[1], 'r:xz').extractall(sys.argv[2])" "$C/bench.tar.xz" "$dir" || exit 3
{
  echo "GPU (nvidia-smi): $(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null || echo none)"
  echo "Vulkan ICD: ${VK_DRIVER_FILES:-the loader default}; node $("$dir/node" --version)"
} | tee "$OUT/gpu-info.txt"
args=("$@")
[[ ${#args[@]} -gt 0 ]] || args=(--gpu=full)
# 4. the run; each finished table is appended to the partial file, so a run cut short still leaves its tables
timeout "${GPU_BENCH_LIMIT_S:-500}" "$dir/node" "$dir/gpu-bench.mjs" "${args[@]}" \
  --out="$OUT/gpu-results.md" --partial="$OUT/gpu-results.partial.md" 2>&1 | tee "$OUT/gpu-bench.log"
rc=${PIPESTATUS[0]}
if [[ -f $OUT/gpu-results.md ]]; then
  # the GPU's name first, so the pasted table says where it was measured
  { echo "GPU: $(head -1 "$OUT/gpu-info.txt" | cut -d' ' -f3-)"; echo; cat "$OUT/gpu-results.md"; } > "$OUT/gpu-results.tmp"
  mv "$OUT/gpu-results.tmp" "$OUT/gpu-results.md"
fi
rm -rf "$dir"
echo "device-run: exit $rc; results in $OUT/gpu-results.md (partial: $OUT/gpu-results.partial.md)"
exit "$rc"
