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
