package app

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
)

// suggestionRadios are the result buttons of the suggested (not yet stored)
// checks of a section, in the order shown.
func suggestionRadios(c *checklistPanel, k inspection.SectionKind) (texts []string, radios []*widget.RadioGroup) {
	for _, o := range c.boxes[k].Objects {
		row, ok := o.(*fyne.Container)
		if !ok || len(row.Objects) != 2 {
			continue
		}
		l, isLabel := row.Objects[0].(*widget.Label)
		r, isRadio := row.Objects[1].(*widget.RadioGroup)
		if isLabel && isRadio {
			texts, radios = append(texts, l.Text), append(radios, r)
		}
	}
	return texts, radios
}

// answerSuggestions answers every suggested check of a section in turn,
// with the results given, the way an inspector walks down the list.
func answerSuggestions(t *testing.T, e *Editor, k inspection.SectionKind, results []inspection.Result) []string {
	t.Helper()
	want, _ := suggestionRadios(e.checks, k)
	if len(want) != len(results) {
		t.Fatalf("%s suggests %d checks %q, the test answers %d", k, len(want), want, len(results))
	}
	for i, r := range results {
		texts, radios := suggestionRadios(e.checks, k)
		if len(texts) != len(want)-i {
			t.Fatalf("after %d answers %s still suggests %q, want the other %d", i, k, texts, len(want)-i)
		}
		radios[0].SetSelected(string(r))
	}
	return want
}

func TestChecklistKeepsEveryAnsweredSuggestion(t *testing.T) {
	d := newTestDesk(t)
	e := openNew(t, d)
	e.selectTab("checks")
	results := []inspection.Result{inspection.Pass, inspection.Fail, inspection.Pending, inspection.NA}
	want := answerSuggestions(t, e, inspection.SectionConformity, results)
	if texts, _ := suggestionRadios(e.checks, inspection.SectionConformity); len(texts) != 0 {
		t.Errorf("after answering all, still suggested: %q", texts)
	}

	stored, err := d.Store.Checklist(d.ctx(), e.in.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]inspection.Result{}
	for _, c := range stored {
		if c.Section == inspection.SectionConformity {
			got[c.Text] = c.Result
		}
	}
	for i, text := range want {
		if r, ok := got[text]; !ok || r != results[i] {
			t.Errorf("stored %q = %q (present %v), want %q", text, r, ok, results[i])
		}
	}
	if len(got) != len(want) {
		t.Errorf("stored %d conformity checks %v, want %d", len(got), got, len(want))
	}

	// Reopened, the four are there and nothing is suggested twice.
	if err := d.OpenInspection(e.in.ID); err != nil {
		t.Fatal(err)
	}
	if texts, _ := suggestionRadios(d.Editor.checks, inspection.SectionConformity); len(texts) != 0 {
		t.Errorf("reopened, the answered checks are suggested again: %q", texts)
	}

	text := exportAndRead(t, d)
	for _, c := range want {
		if !strings.Contains(text, c) {
			t.Errorf("the PDF does not list the check %q", c)
		}
	}
}

// exportAndRead exports the open inspection's PDF the way the Export
// button does and returns its text, whitespace collapsed.
func exportAndRead(t *testing.T, d *Desk) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	d.Editor.writeReport(path)
	d.bg.Wait()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("no report written: %v", err)
	}
	if !dialogShows(d, "pages") {
		t.Error("no dialog says the report was written")
	}
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func TestChecklistAddCheckKeepsSuggestions(t *testing.T) {
	d := newTestDesk(t)
	e := openNew(t, d)
	before, _ := suggestionRadios(e.checks, inspection.SectionPacking)
	e.checks.add(inspection.SectionPacking, "", inspection.Unjudged)
	after, _ := suggestionRadios(e.checks, inspection.SectionPacking)
	if len(after) != len(before) || len(before) == 0 {
		t.Fatalf("suggestions before adding a check of one's own %q, after %q", before, after)
	}
}
