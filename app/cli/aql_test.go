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
	}
	for _, c := range cases {
		code, out, stderr := runAql(c.args...)
		if code != ExitUsage || out != "" || !strings.Contains(stderr, c.says) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 saying %q", c.args, code, out, stderr, c.says)
		}
	}
}
