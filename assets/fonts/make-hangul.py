#!/usr/bin/env python3
"""Builds LoupeHangul.ttf, the report's Hangul font, from NanumGothic.

NanumGothic (SIL Open Font License 1.1, LICENSE-NanumGothic.txt) covers all
11,172 Hangul syllables with TrueType outlines, which gofpdf needs. The whole
font is 4.7 MB, mostly Hanja and hinting instructions the report does not
use; keeping only the Hangul blocks, unhinted, makes it 1.3 MB. A subset is a
Modified Version under the OFL, which may not carry the Reserved Font Name,
hence the new name.

Usage (Debian: apt-get install fonts-nanum python3-fonttools):
    python3 make-hangul.py /usr/share/fonts/truetype/nanum/NanumGothic.ttf LoupeHangul.ttf
"""
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

HANGUL = "U+1100-11FF,U+3130-318F,U+A960-A97F,U+AC00-D7A3,U+D7B0-D7FF"
FAMILY = "Loupe Hangul"


def main(src, dst):
    opts = subset.Options()
    opts.hinting = False
    opts.drop_tables += ["TSI0", "TSI1", "TSI2", "TSI3", "TSI5", "kern", "GPOS", "GSUB"]
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    font = TTFont(src)
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=subset.parse_unicodes(HANGUL))
    sub.subset(font)
    names = font["name"]
    for rec in list(names.names):
        if rec.nameID in (1, 4, 16):
            rec.string = FAMILY
        elif rec.nameID in (3, 6):
            rec.string = "LoupeHangul-Regular"
        elif rec.nameID == 7:  # the trademark belongs to the original's name
            names.names.remove(rec)
    names.setName("Version 3.021; Hangul subset of NanumGothic (SIL OFL 1.1), renamed as the OFL requires", 5, 3, 1, 0x409)
    font.save(dst)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
