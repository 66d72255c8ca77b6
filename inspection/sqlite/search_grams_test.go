package sqlite

import (
	"slices"
	"strings"
	"testing"
)

// TestGrams: the grams document holds, sorted and once each, the token of
// every character and of every pair of adjacent characters within a word,
// in any script.
func TestGrams(t *testing.T) {
	for _, doc := range []string{"", "po", "PO-19 划痕, 划痕 é\u00e9", "a ab abc", "\xff\xfe", "供应商 供应"} {
		folded := fold(doc)
		want := map[string]bool{}
		for _, word := range strings.Fields(folded) {
			r := []rune(word)
			for i := range r {
				want[gramToken(string(r[i]))] = true
				if i > 0 {
					want[gramToken(string(r[i-1:i+1]))] = true
				}
			}
		}
		got := strings.Fields(grams(folded))
		if !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
			t.Errorf("%q: tokens not sorted or repeated: %v", doc, got)
		}
		if len(got) != len(want) {
			t.Errorf("%q: %d tokens, want %d", doc, len(got), len(want))
		}
		for _, g := range got {
			if !want[g] {
				t.Errorf("%q: token %s is no gram of it", doc, g)
			}
		}
	}
}
