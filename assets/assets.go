// Package assets holds the files Loupe ships inside its binary, so the app
// and its reports work offline on a machine with nothing else installed.
package assets

import _ "embed" // for //go:embed

// Report fonts, all TrueType (gofpdf cannot embed CFF outlines) and subset by
// the PDF writer to the glyphs a report uses.
var (
	// CJKFont is Droid Sans Fallback (Apache-2.0, fonts/LICENSE-DroidSansFallback.txt):
	// Chinese and Japanese (kana included) for supplier names and notes. It
	// has no Latin letters and only three Hangul syllables, so text is set in
	// Sans and falls back to it, or to HangulFont, per character.
	//
	//go:embed fonts/DroidSansFallbackFull.ttf
	CJKFont []byte

	// HangulFont is Loupe Hangul, the Hangul blocks of NanumGothic (SIL OFL
	// 1.1, fonts/LICENSE-NanumGothic.txt; fonts/make-hangul.py makes it):
	// all 11,172 Korean syllables in 1.3 MB instead of the whole font's 4.7.
	//
	//go:embed fonts/LoupeHangul.ttf
	HangulFont []byte

	// Sans and SansBold are DejaVu Sans Condensed (Bitstream Vera licence,
	// fonts/LICENSE-DejaVu.txt): Latin, Greek, Cyrillic and the symbols
	// reports need (± − ≥ √ …), narrow enough for dense tables.
	//
	//go:embed fonts/DejaVuSansCondensed.ttf
	Sans []byte
	//go:embed fonts/DejaVuSansCondensed-Bold.ttf
	SansBold []byte
)
