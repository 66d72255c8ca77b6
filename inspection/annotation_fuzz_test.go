package inspection

import (
	"reflect"
	"strings"
	"testing"
)

// FuzzParseMarks feeds any text to the annotation-layer parser, as a bundle
// or a damaged database may carry: it never panics, refuses with a user
// error, accepts only marks that validate, and what it accepts survives
// MarshalMarks and ParseMarks unchanged. The seeds run in every `go test`;
// `go test -fuzz FuzzParseMarks ./inspection/` explores.
func FuzzParseMarks(f *testing.F) {
	for _, s := range []string{
		"", "   ", "[]", "null", "{}", `{"arrow":1}`, "[null]", "[{}]",
		`[{"kind":"arrow","x1":0.1,"y1":0.2,"x2":0.5,"y2":0.6}]`,
		`[{"kind":"circle","x1":0.4,"y1":0.4,"x2":0.7,"y2":0.8,"color":"#ffcc00"}]`,
		`[{"kind":"text","x1":0.05,"y1":0.9,"text":"划痕 scratch"}]`,
		`[{"kind":"text","x1":0.05,"y1":0.9,"text":"` + strings.Repeat(" ", 200) + `a"}]`,
		`[{"kind":"arrow","x1":1e308,"y1":-0,"x2":1,"y2":1}]`,
		`[{"kind":"arrow","x1":0.1,"y1":0.1,"x2":0.2,"y2":0.2,"color":"#FFFFFF","extra":[1,2]}]`,
		`[{"kind":"text","x1":0,"y1":0,"text":"\u0000\u202e\ud800"}]`,
		`[{"kind":"star","x1":0.3,"y1":0.3}]`,
		`[{"kind":"arrow","x1":"0.1"}]`,
		`[` + strings.Repeat(`{"kind":"arrow","x1":0,"y1":0,"x2":1,"y2":1},`, 50) + `{"kind":"circle","x1":0,"y1":0,"x2":1,"y2":1}]`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, layer string) {
		marks, err := ParseMarks(layer)
		if err != nil {
			if ErrorCode(err) != EINVALID {
				t.Fatalf("ParseMarks(%q): %v is not a user error", layer, err)
			}
			return
		}
		for i, m := range marks {
			if err := m.Validate(); err != nil {
				t.Fatalf("mark %d of %q accepted but invalid: %v", i, layer, err)
			}
			m.RGB()
		}
		again, err := MarshalMarks(marks)
		if err != nil {
			t.Fatalf("accepted marks %+v do not marshal: %v", marks, err)
		}
		back, err := ParseMarks(again)
		if err != nil {
			t.Fatalf("marshalled layer %q does not parse: %v", again, err)
		}
		if len(marks) == 0 && len(back) == 0 {
			return
		}
		if !reflect.DeepEqual(back, marks) {
			t.Fatalf("round trip changed the marks:\n%+v\n%+v", marks, back)
		}
	})
}
