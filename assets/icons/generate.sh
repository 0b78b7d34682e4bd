#!/usr/bin/env bash
# Regenerates every installer icon from the one source, assets/icon.png (256×256): the PNG sizes
# Linux desktops and cargo-packager use, and the Windows .ico (build.rs embeds it in the .exe).
# Needs ImageMagick (`apt-get install imagemagick`).
set -euo pipefail
cd "$(dirname "$0")"
for s in 16 32 48 64 128 256; do
  convert ../icon.png -resize "${s}x${s}" -strip "mailsetup-${s}.png"
done
convert mailsetup-16.png mailsetup-32.png mailsetup-48.png mailsetup-64.png mailsetup-128.png \
  mailsetup-256.png mailsetup.ico
