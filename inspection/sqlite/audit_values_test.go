package sqlite

import (
	"encoding/json"
	"testing"
)

// The audit row of a new record must read as it did when encoding/json
// wrote it: recordValues is held to json.Marshal of the same map.
func TestRecordValuesAsJSONMarshal(t *testing.T) {
	texts := []string{"", "plain", "a \"quoted\" word", `back\slash`, "<b>&amp;</b>", "tab\there", "new\nline",
		"\x00\x1f\x7f", "ünïcödé 检验", "\u2028\u2029", "bad \xff utf-8", "emoji 🙂", "0190a1b2-c3d4", "12.5"}
	for _, id := range texts {
		for _, v := range texts {
			values := map[string]string{"id": id, "inspection_id": "ins", "description": v, "zz<&>": v, "empty": "", "quantity": "3"}
			want := map[string]*string{}
			for k, x := range values {
				switch {
				case x == "":
				case k == "id" && x == "0190a1b2-c3d4", k == "inspection_id" && x == "ins":
					want[k] = nil
				default:
					want[k] = &x
				}
			}
			w, err := json.Marshal(want)
			if err != nil {
				t.Fatal(err)
			}
			got, err := recordValues("0190a1b2-c3d4", "ins", values)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(w) {
				t.Errorf("recordValues(%q, %q):\n got %s\nwant %s", id, v, got, w)
			}
		}
	}
}

// A new record's audit values are encoded from its columns directly; they
// must be those of the map of its audited columns' stored text.
func TestFreshValuesAsRecordValues(t *testing.T) {
	id, in := "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "0190a1b2-0000-7000-8000-000000000001"
	s := stored{row: row{table: "test_fresh_values", entity: "thing", entityID: id},
		cols: []string{"zeta", "id", "inspection_id", "updated_at", "alpha", "count", "flag", "ratio", "none", "png", "seq", "b<&>"},
		vals: []any{"last", id, in, "2026-01-01T00:00:00Z", "", 42, true, 2.5, nil, []byte{1, 2}, int64(7), "x\u2028y"}}
	if err := s.inspectionID.UnmarshalText([]byte(in)); err != nil {
		t.Fatal(err)
	}
	values := map[string]string{}
	for i, c := range s.cols {
		if !unaudited[c] {
			values[c] = storedText(s.vals[i])
		}
	}
	want, err := recordValues(id, in, values)
	if err != nil {
		t.Fatal(err)
	}
	if got := freshValues(s); got != want {
		t.Errorf("freshValues:\n got %s\nwant %s", got, want)
	}
}
