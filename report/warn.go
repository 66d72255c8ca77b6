package report

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// rtlError refuses text the report would print wrongly: gofpdf lays every
// line out left to right and does not join Arabic letters.
func rtlError(script, line string) error {
	return fmt.Errorf("the report cannot print %s text, which is written right to left: it would come out reversed. "+
		"It is in %q. Write that text in a left-to-right script (or show it in a photo), then write the report again",
		script, snippet(line))
}

// warnings says what the report printed otherwise than written: characters
// no embedded font has, shown as the replacement mark.
func (m *metrics) warnings() []string {
	if len(m.missing) == 0 {
		return nil
	}
	rs := make([]rune, 0, len(m.missing))
	total := 0
	for r, n := range m.missing {
		rs = append(rs, r)
		total += n
	}
	slices.Sort(rs)
	var names []string
	for _, r := range rs[:min(len(rs), 8)] {
		names = append(names, fmt.Sprintf("U+%04X %q", r, r))
	}
	if len(rs) > 8 {
		names = append(names, fmt.Sprintf("and %d more", len(rs)-8))
	}
	return []string{fmt.Sprintf("the report printed %d character(s) as %c because its fonts lack them: %s; the first is in %q. "+
		"The data is unchanged; the report prints Latin, Greek, Cyrillic, Chinese, Japanese and Korean",
		total, replacement, strings.Join(names, ", "), snippet(m.missingAt))}
}

// snippet is the start of a line, enough for a person to find it.
func snippet(s string) string {
	const n = 60
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for k := 0; k < n; k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i] + "…"
}
