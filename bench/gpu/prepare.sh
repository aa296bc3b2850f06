#!/usr/bin/env bash
# Prepares .gpu-carry/ (ignored by git) in the repository root, here, once, for bench/gpu/device-run.sh on a lent
# GPU machine that has no Node, no npm packages and no Vulkan loader, and cannot download anything:
#   .gpu-carry/gl/*.deb        the loader packages of bench/gpu/loader-packages.txt (amd64, from this machine's apt)
#   .gpu-carry/bench.tar.xz    this machine's node binary, bench/gpu/main.ts bundled with every npm package it uses
#                              except the native one, and the linux-x64 part of the npm package `webgpu`
# About 35 MB in all. Usage: bash bench/gpu/prepare.sh [--no-apt]   (--no-apt keeps the .deb files already there)
set -euo pipefail
cd "$(dirname "$0")/../.."
C=.gpu-carry
mkdir -p "$C/gl"
if [[ "${1:-}" != "--no-apt" ]]; then
  # the device tool's recipe: a private amd64 package list, so the machine's own apt state is left alone
  lists=$(mktemp -d)
  mkdir -p "$lists/partial"
  o=(-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 "-oDir::State::Lists=$lists")
  apt-get "${o[@]}" update -qq
  rm -f "$C"/gl/*.deb
  (cd "$C/gl" && apt-get "${o[@]}" download $(grep -v '^#' ../../bench/gpu/loader-packages.txt))
  rm -rf "$lists"
fi
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
# one ESM file; `webgpu` stays outside (a native module, loaded at run time by name); CommonJS parts of TF.js call
# require, which an ESM bundle has only through createRequire
npx esbuild bench/gpu/main.ts --bundle --platform=node --format=esm --target=node20 --log-level=warning \
  --external:webgpu --outfile="$stage/gpu-bench.mjs" \
  --banner:js="import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);"
w=node_modules/webgpu
mkdir -p "$stage/node_modules/webgpu/dist/linux-x64"
cp "$w/package.json" "$w/index.js" "$w/LICENSE.md" "$stage/node_modules/webgpu/"
cp "$w/dist/linux-x64/dawn.node" "$stage/node_modules/webgpu/dist/linux-x64/"
cp "$(command -v node)" "$stage/node"
tar -C "$stage" -cf - node gpu-bench.mjs node_modules | xz -T0 -6 > "$C/bench.tar.xz"
du -sh "$C"/gl "$C/bench.tar.xz"
echo "ready: carry '$C' (see bench/README.md, 'GPU on a lent device')"
