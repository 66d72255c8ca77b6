package app

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/loupeqc/loupe/app/cli"
	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/report"
)

// TestOneVerdictEverywhere renders the same inspection in the list (the
// store's summary, the home badge and `loupe list --json`), the editor's
// verdict bar and the PDF report, for a lot that passes, fails, waits for
// the client and is not finished, and finds one verdict in all of them.
func TestOneVerdictEverywhere(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	judgedExcept := func(k inspection.SectionKind, r inspection.Result) map[inspection.SectionKind]inspection.Result {
		m := map[inspection.SectionKind]inspection.Result{}
		for _, s := range inspection.Sections {
			if s != inspection.SectionWorkmanship {
				m[s] = inspection.Pass
			}
		}
		if k != "" {
			m[k] = r
		}
		return m
	}
	cases := []struct {
		want     inspection.Verdict
		sections map[inspection.SectionKind]inspection.Result
		majors   int // lot 3200: 125 units, majors rejected at 8
	}{
		{inspection.VerdictPass, judgedExcept("", ""), 7},
		{inspection.VerdictFail, judgedExcept("", ""), 8},
		{inspection.VerdictPending, judgedExcept(inspection.SectionConformity, inspection.Pending), 0},
		{inspection.VerdictIncomplete, map[inspection.SectionKind]inspection.Result{inspection.SectionQuantity: inspection.Pass}, 3},
	}
	for _, c := range cases {
		t.Run(string(c.want), func(t *testing.T) {
			d := newTestDesk(t)
			ctx := d.ctx()
			in, err := createInspection(d)
			if err != nil {
				t.Fatal(err)
			}
			in.LotSize = 3200
			must(t, d.Store.PutInspection(ctx, in))
			for k, r := range c.sections {
				must(t, d.Store.PutSection(ctx, &inspection.Section{InspectionID: in.ID, Kind: k, Result: r}))
			}
			if c.majors > 0 {
				must(t, d.Store.PutFinding(ctx, &inspection.Finding{ID: inspection.NewID(), InspectionID: in.ID, Class: inspection.Major, Description: "hinge", Quantity: c.majors}))
			}
			word := c.want.Word()
			seen := map[string]string{}

			d.ShowHome()
			rows := d.Home.Rows()
			if len(rows) != 1 {
				t.Fatalf("list has %d rows", len(rows))
			}
			seen["store summary"] = rows[0].Verdict.Word()
			row := d.Home.newRow().(*homeRow)
			d.Home.updateRow(0, row)
			seen["home badge"] = row.cells.Objects[0].(*Badge).Text()

			var out, errOut bytes.Buffer
			if code := cli.List([]string{"--json", "--data", d.Data.Path()}, &out, &errOut); code != cli.ExitOK {
				t.Fatalf("loupe list: %s", errOut.String())
			}
			var listed []struct{ Verdict inspection.Verdict }
			must(t, json.Unmarshal(out.Bytes(), &listed))
			seen["loupe list --json"] = listed[0].Verdict.Word()

			must(t, d.OpenInspection(in.ID))
			seen["verdict bar"] = d.Editor.verdict.Badge.Text()

			dos, err := d.Store.Dossier(ctx, in.ID)
			must(t, err)
			pdf := filepath.Join(t.TempDir(), "r.pdf")
			if _, err := d.writeReport(dos, pdf, report.Options{}); err != nil {
				t.Fatal(err)
			}
			seen["report"] = reportVerdict(t, pdf)

			for where, got := range seen {
				if got != word {
					t.Errorf("%s says %s, want %s", where, got, word)
				}
			}
		})
	}
}

var overall = regexp.MustCompile(`OVERALL RESULT\s+(?:\S+\s+){0,2}?(PASS|FAIL|PENDING|INCOMPLETE)\b`)

// reportVerdict reads the word in the report's overall-result badge.
func reportVerdict(t *testing.T, pdf string) string {
	t.Helper()
	text, err := exec.Command("pdftotext", "-f", "1", "-l", "1", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	m := overall.FindStringSubmatch(strings.Join(strings.Fields(string(text)), " "))
	if m == nil {
		t.Fatalf("no overall result on the first page:\n%s", text)
	}
	return m[1]
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
