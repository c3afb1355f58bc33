#!/usr/bin/env bash
# Lays out a self-contained server folder from a standalone build: exactly what
# the Dockerfile copies into the image, so a test can start it without Docker.
#   scripts/assemble-standalone.sh <dist dir, e.g. .next> <output folder>
set -euo pipefail
dist="${1:?dist dir}"
out="${2:?output folder}"
rm -rf "$out"
mkdir -p "$out"
cp -a "$dist/standalone/." "$out/"
mkdir -p "$out/$dist"
cp -a "$dist/static" "$out/$dist/static"
[ -d public ] && cp -a public "$out/public"
# Read at run time relative to the working directory: migrations, and the
# font the demo simulator writes prompts with.
cp -a drizzle "$out/drizzle"
font=node_modules/@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf
mkdir -p "$out/$(dirname "$font")"
cp "$font" "$out/$font"
echo "standalone server in $out (start: cd $out && node server.js)"
