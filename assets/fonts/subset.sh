#!/usr/bin/env bash
# Regenerates mailsetup-cjk.ttf: WenQuanYi Micro Hei (Apache-2.0, Debian fonts-wqy-microhei; CJK
# from Droid Sans Fallback plus Latin from Droid Sans, so one font covers every string) cut down to the characters of the app's translations, so Chinese renders on machines without a
# CJK font, and the common hanzi people type. Run after changing i18n/*.ftl; a unit test fails when a character is missing.
# Needs: apt-get install fonts-wqy-microhei; pip install fonttools
set -euo pipefail
cd "$(dirname "$0")/../.."
chars=$(mktemp)
# Plus the 3,755 common hanzi (GB2312 level 1), so Chinese typed by the user renders too.
{ python3 -c 'import sys; sys.stdout.write("".join(bytes([r, c]).decode("gb2312") for r in range(0xB0, 0xD8) for c in range(0xA1, 0xFF) if not (r == 0xD7 and c > 0xF9)))'
  cat i18n/*/mailsetup.ftl; printf ' !"#$%%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~✓✗×→←…·—•●○'; } > "$chars"
pyftsubset /usr/share/fonts/truetype/wqy/wqy-microhei.ttc --font-number=0 \
  --text-file="$chars" --output-file=assets/fonts/mailsetup-cjk.ttf \
  --layout-features='*' --no-hinting --desubroutinize
rm -f "$chars"
