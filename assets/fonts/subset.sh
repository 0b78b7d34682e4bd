#!/usr/bin/env bash
# Regenerates mailsetup-cjk.ttf: WenQuanYi Micro Hei (Apache-2.0, Debian fonts-wqy-microhei; CJK
# from Droid Sans Fallback plus Latin from Droid Sans, so one font covers every string) cut down
# to the characters of the app's translations, so Chinese renders on machines without a CJK
# font, and the common hanzi people type; then the glyphs of the app's own strings are put first
# (cluster.py), so a screen's glyphs lie on a few pages of the binary. Run after changing
# i18n/*.ftl; a unit test fails when a character is missing.
# Needs: apt-get install fonts-wqy-microhei; pip install fonttools
set -euo pipefail
cd "$(dirname "$0")/../.."
chars=$(mktemp)
# Plus what users type: every hanzi of the CJK Unified Ideographs block the font has (20,932:
# all of GB2312 and GBK, so also the less common characters people have in their names, 喆 堃
# 玥 珺 璟 赟 燊, of the 通用规范汉字表), GB2312's symbols, the full-width forms block (＠ｑｑ．) and
# CJK punctuation (《》【】〈〉「」).
{ python3 -c 'import sys
cs = set()
for r in range(0xA1, 0xF8):
    for c in range(0xA1, 0xFF):
        try: cs.add(bytes([r, c]).decode("gb2312"))
        except UnicodeDecodeError: pass
cs.update(chr(u) for u in range(0xFF01, 0xFF5F)); cs.update(chr(u) for u in range(0x3000, 0x3040))
cs.update(chr(u) for u in range(0x4E00, 0xA000))
sys.stdout.write("".join(sorted(cs)))'
  cat i18n/*/mailsetup.ftl; printf ' !"#$%%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~✓✗×→←…·—•●○'; } > "$chars"
pyftsubset /usr/share/fonts/truetype/wqy/wqy-microhei.ttc --font-number=0 \
  --text-file="$chars" --output-file=assets/fonts/mailsetup-cjk.ttf \
  --layout-features='*' --no-hinting --desubroutinize
rm -f "$chars"
python3 assets/fonts/cluster.py assets/fonts/mailsetup-cjk.ttf i18n/zh-CN/mailsetup.ftl \
  i18n/en/mailsetup.ftl i18n/zh-TW/mailsetup.ftl assets/providers.json assets/fonts/autohint.txt
