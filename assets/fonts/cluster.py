# Puts the glyphs of the app's own strings first: a window reads its glyphs from the binary's
# pages, and the kernel maps them 64 KB at a time, so glyphs scattered over the font's 2.6 MB
# made the whole of it resident; clustered, a screen touches a few pages.
import sys
from fontTools.ttLib import TTFont
from fontTools.ttLib.reorderGlyphs import reorderGlyphs
font_path, *texts = sys.argv[1:]
font = TTFont(font_path, recalcTimestamp=False)
cmap, glyf = font.getBestCmap(), font["glyf"]
first, seen = [".notdef"], {".notdef"}
def take(name):
    if name in seen:
        return
    seen.add(name)
    first.append(name)
    for c in glyf[name].getComponentNames(glyf):
        take(c)
for path in texts:
    for ch in open(path, encoding="utf-8").read():
        if ord(ch) in cmap:
            take(cmap[ord(ch)])
order = first + [g for g in font.getGlyphOrder() if g not in seen]
reorderGlyphs(font, order)
font.save(font_path)
print(f"{len(first)} of {len(order)} glyphs first", file=sys.stderr)
