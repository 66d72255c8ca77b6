package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func runAql(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Aql(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestAqlJSONContract(t *testing.T) {
	code, out, stderr := runAql("--lot", "5000", "--level", "ii", "--aql", "2.5", "--json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := `{"lot_size":5000,"level":"II","aql":2.5,"inspection":"normal","code_letter":"L","plan_code_letter":"L","sample_size":200,"accept":10,"reject":11,"full_inspection":false}` + "\n"
	if out != want {
		t.Errorf("got  %s\nwant %s", out, want)
	}
	var fields map[string]any
	if err := json.Unmarshal([]byte(out), &fields); err != nil || len(fields) != 10 {
		t.Errorf("want exactly one object with 10 fields: %v %v", fields, err)
	}
}

func TestAqlArrowsAndFullInspection(t *testing.T) {
	_, out, _ := runAql("--lot", "1000", "--aql", "0.10", "--inspection", "Tightened", "--json")
	var p struct {
		CodeLetter     string `json:"code_letter"`
		PlanCodeLetter string `json:"plan_code_letter"`
		SampleSize     int    `json:"sample_size"`
		Full           bool   `json:"full_inspection"`
	}
	if err := json.Unmarshal([]byte(out), &p); err != nil || p.CodeLetter != "J" || p.PlanCodeLetter != "L" || p.SampleSize != 200 {
		t.Errorf("lot 1000 tightened AQL 0.10: %+v %v", p, err)
	}
	code, out, _ := runAql("--lot", "10", "--aql", "0.65")
	if code != ExitOK || !strings.Contains(out, "Inspect all 10 units") {
		t.Errorf("small lot: exit %d\n%s", code, out)
	}
}

func TestAqlBadInput(t *testing.T) {
	cases := []struct {
		args []string
		says string
	}{
		{[]string{"--lot", "1", "--aql", "2.5"}, "from 2"},
		{[]string{"--lot", "many", "--aql", "2.5"}, "not a whole number"},
		{[]string{"--lot", "500", "--aql", "3"}, "0.010, 0.015"},
		{[]string{"--lot", "500", "--aql", "2.5", "--level", "IV"}, "S-1, S-2, S-3, S-4, I, II, III"},
		{[]string{"--lot", "500", "--aql", "2.5", "--inspection", "strict"}, "normal, tightened or reduced"},
		{[]string{"--lot", "500"}, "--aql is required"},
		// A comma is never guessed at: 1,000 is not AQL 1, 2,5 not 25.
		{[]string{"--lot", "500", "--aql", "1,000"}, "use a dot"},
		{[]string{"--lot", "500", "--aql", "2,5"}, "use a dot"},
		{[]string{"--lot", "500", "--aql", "1e3"}, "0.010, 0.015"},
	}
	for _, c := range cases {
		code, out, stderr := runAql(c.args...)
		if code != ExitUsage || out != "" || !strings.Contains(stderr, c.says) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 saying %q", c.args, code, out, stderr, c.says)
		}
	}
}

// TestAqlPlansOfTheStandard runs the command on cells where Loupe's tables
// used to be wrong: the reduced table of the 1999 edition and the edges of
// the normal and tightened tables.
func TestAqlPlansOfTheStandard(t *testing.T) {
	type plan struct {
		CodeLetter     string `json:"code_letter"`
		PlanCodeLetter string `json:"plan_code_letter"`
		SampleSize     int    `json:"sample_size"`
		Accept         int    `json:"accept"`
		Reject         int    `json:"reject"`
		Full           bool   `json:"full_inspection"`
	}
	cases := []struct {
		lot, level, aql, inspection string
		want                        plan
	}{
		{"5000", "II", "2.5", "reduced", plan{"L", "L", 80, 6, 7, false}},
		{"5000", "II", "4.0", "reduced", plan{"L", "L", 80, 8, 9, false}},
		{"2000", "II", "0.25", "reduced", plan{"K", "M", 125, 1, 2, false}},
		{"600000", "III", "0.025", "reduced", plan{"R", "N", 200, 0, 1, false}},
		{"60", "II", "150", "normal", plan{"E", "E", 13, 30, 31, false}},
		{"60", "II", "250", "tightened", plan{"E", "E", 13, 41, 42, false}},
		{"8", "II", "10", "normal", plan{"A", "C", 5, 1, 2, false}},
		{"600000", "III", "0.015", "normal", plan{"R", "P", 800, 0, 1, false}},
		{"600000", "III", "0.015", "tightened", plan{"R", "Q", 1250, 0, 1, false}},
		{"600000", "III", "0.025", "tightened", plan{"R", "S", 3150, 1, 2, false}},
		{"7", "II", "10", "tightened", plan{"A", "D", 7, 1, 2, true}},
	}
	for _, c := range cases {
		args := []string{"--lot", c.lot, "--level", c.level, "--aql", c.aql, "--inspection", c.inspection, "--json"}
		code, out, stderr := runAql(args...)
		var got plan
		if err := json.Unmarshal([]byte(out), &got); code != ExitOK || err != nil || got != c.want {
			t.Errorf("%v: exit %d %s %+v %v; want %+v", args, code, stderr, got, err, c.want)
		}
	}
}
