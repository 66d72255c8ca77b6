package sqlite

import (
	"encoding/json"
	"reflect"
	"testing"
)

// FuzzStringsCol: the list's fast reading of a JSON array of strings gives
// exactly what json.Unmarshal gives, for what the store writes and for any
// text a damaged or hostile database could hold.
func FuzzStringsCol(f *testing.F) {
	for _, s := range []string{`null`, `[]`, `[""]`, `["PO-1"]`, `["PO-1","PO-2"]`, `["a", "b"]`, `["a\"","b"]`,
		`["a\\","b"]`, `["x","y"`, `["\u00e9"]`, `["é","划痕"]`, "[\"a\x01\"]", "[\"\xff\"]", `[1,"a"]`, `["a"],["b"]`, `["a","b"]x`} {
		f.Add(s, "", "")
	}
	f.Add("", "PO-1", "PO-2")
	f.Add("", `a","b`, `\`)
	f.Fuzz(func(t *testing.T, text, x, y string) {
		if text == "" {
			raw, err := encJSON([]string{x, y})
			if err != nil {
				t.Fatal(err)
			}
			text = raw
		}
		var want, got []string
		wantErr := json.Unmarshal([]byte(text), &want)
		gotErr := stringsCol{&got}.Scan(text)
		if (wantErr == nil) != (gotErr == nil) || !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: read %q (%v), json.Unmarshal %q (%v)", text, got, gotErr, want, wantErr)
		}
	})
}
