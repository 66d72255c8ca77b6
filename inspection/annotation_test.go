package inspection

import (
	"strings"
	"testing"
)

func TestMarksRoundTrip(t *testing.T) {
	in := []Mark{
		{Kind: MarkArrow, X1: 0.1, Y1: 0.2, X2: 0.5, Y2: 0.6},
		{Kind: MarkCircle, X1: 0.4, Y1: 0.4, X2: 0.7, Y2: 0.8, Color: "#ffcc00"},
		{Kind: MarkText, X1: 0.05, Y1: 0.9, Text: "划痕 scratch"},
	}
	s, err := MarshalMarks(in)
	if err != nil {
		t.Fatal(err)
	}
	out, err := ParseMarks(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 3 || out[1] != in[1] || out[2].Text != in[2].Text {
		t.Fatalf("round trip = %+v, want %+v", out, in)
	}
	if r, g, b := out[0].RGB(); r != 0xe0 || g != 0 || b != 0 {
		t.Fatalf("default colour = %d,%d,%d, want red", r, g, b)
	}
	if s, _ := MarshalMarks(nil); s != "" {
		t.Fatalf("no marks = %q, want empty", s)
	}
	if m, err := ParseMarks(""); m != nil || err != nil {
		t.Fatalf("empty layer = %v, %v", m, err)
	}
}

func TestMarksRejectBadInput(t *testing.T) {
	for _, tc := range []struct {
		layer, want string
	}{
		{`[{"kind":"arrow","x1":0.1,"y1":0.1,"x2":1.5,"y2":0.2}]`, "outside the photo"},
		{`[{"kind":"circle","x1":0.3,"y1":0.3,"x2":0.3,"y2":0.3}]`, "no size"},
		{`[{"kind":"text","x1":0.3,"y1":0.3,"text":"  "}]`, "needs text"},
		{`[{"kind":"text","x1":0.3,"y1":0.3,"text":"` + strings.Repeat("x", MarkTextMax+1) + `"}]`, "longer than"},
		{`[{"kind":"star","x1":0.3,"y1":0.3}]`, "unknown mark kind"},
		{`[{"kind":"arrow","x1":0.1,"y1":0.1,"x2":0.2,"y2":0.2,"color":"red"}]`, "#rrggbb"},
		{`{"arrow":1}`, "not readable"},
	} {
		_, err := ParseMarks(tc.layer)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseMarks(%s) = %v, want an error saying %q", tc.layer, err, tc.want)
		}
		if ErrorCode(err) != EINVALID {
			t.Errorf("ParseMarks(%s) code = %q, want invalid", tc.layer, ErrorCode(err))
		}
	}
}
