package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// conflictCols: field, local, incoming.
var conflictCols = columns{170, 0, 0}

// ConflictsScreen shows each record an import found different here, the
// local and the incoming version side by side, and lets the inspector keep
// one. Until then both stay.
type ConflictsScreen struct {
	d         *Desk
	view      fyne.CanvasObject
	list      *widget.List
	conflicts []sqlite.Conflict
	selected  int
	title     *widget.Label
	fields    *fyne.Container
	keepLocal *widget.Button
	takeIn    *widget.Button
	empty     *widget.Label
	split     *container.Split
}

// ShowConflicts switches to the open import conflicts.
func (d *Desk) ShowConflicts() *ConflictsScreen {
	d.flush()
	d.Editor = nil
	c := &ConflictsScreen{d: d, selected: -1}
	c.list = widget.NewList(func() int { return len(c.conflicts) },
		func() fyne.CanvasObject { return truncLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(c.conflicts) {
				o.(*widget.Label).SetText(conflictName(c.conflicts[id]))
			}
		})
	c.list.OnSelected = func(id widget.ListItemID) { c.selected = id; c.showSelected() }
	c.title = heading("")
	c.title.Wrapping = fyne.TextWrapWord
	c.fields = container.NewVBox()
	c.keepLocal = widget.NewButtonWithIcon("Keep local", theme.ComputerIcon(), func() { c.resolve("local") })
	c.takeIn = widget.NewButtonWithIcon("Take incoming", theme.DownloadIcon(), func() { c.resolve("incoming") })
	c.takeIn.Importance = widget.HighImportance
	c.empty = widget.NewLabel("No open conflicts: every imported record is settled.\nImport a bundle with File > Import bundle.")
	c.empty.Alignment = fyne.TextAlignCenter
	back := widget.NewButtonWithIcon("Inspections", theme.NavigateBackIcon(), d.ShowHome)
	bar := container.NewBorder(nil, nil, container.NewHBox(back, heading("Import conflicts")), nil)
	header := container.New(conflictCols, boldLabel("Field"), boldLabel("Local (this laptop)"), boldLabel("Incoming (bundle)"))
	detail := container.NewBorder(container.NewVBox(c.title, header, widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, nil, container.NewHBox(c.keepLocal, c.takeIn),
			wrapLabel("Keep local leaves this laptop's version; Take incoming writes the bundle's version over it."))), nil, nil,
		container.NewVScroll(c.fields))
	c.split = container.NewHSplit(c.list, detail)
	c.split.Offset = 0.25
	c.view = container.NewBorder(container.NewVBox(bar, widget.NewSeparator()), nil, nil, nil,
		container.NewStack(container.NewCenter(c.empty), c.split))
	c.Reload()
	d.show(c.view)
	return c
}

// conflictName names a record as the inspector knows it: its kind and its
// description, not its UUID.
func conflictName(c sqlite.Conflict) string {
	kind := strings.ToUpper(c.Entity[:1]) + strings.ReplaceAll(c.Entity[1:], "_", " ")
	for _, side := range []json.RawMessage{c.Incoming, c.Local} {
		var m map[string]any
		if json.Unmarshal(side, &m) != nil {
			continue
		}
		for _, k := range []string{"description", "characteristic", "name", "text", "report_no", "caption", "kind"} {
			if v, ok := m[k].(string); ok && v != "" {
				return kind + ": " + v
			}
		}
	}
	return kind + " " + c.EntityID
}

// Conflicts are the open conflicts listed.
func (c *ConflictsScreen) Conflicts() []sqlite.Conflict { return c.conflicts }

// Reload lists the open conflicts and shows the first.
func (c *ConflictsScreen) Reload() {
	var err error
	c.conflicts, err = c.d.Store.Conflicts(c.d.ctx(), false)
	if err != nil {
		c.d.showError(err)
		return
	}
	c.list.Refresh()
	c.selected = -1
	if len(c.conflicts) > 0 {
		c.list.Select(0)
	} else {
		c.list.UnselectAll()
		c.showSelected()
	}
}

func (c *ConflictsScreen) showSelected() {
	c.fields.RemoveAll()
	if len(c.conflicts) == 0 {
		c.split.Hide()
		c.empty.Show()
	} else {
		c.split.Show()
		c.empty.Hide()
	}
	if c.selected < 0 || c.selected >= len(c.conflicts) {
		c.title.SetText("")
		c.keepLocal.Disable()
		c.takeIn.Disable()
		return
	}
	c.keepLocal.Enable()
	c.takeIn.Enable()
	cf := c.conflicts[c.selected]
	where := ""
	if in, err := c.d.Store.Inspection(c.d.ctx(), cf.InspectionID); err == nil {
		where = " in " + firstNonEmpty(in.ReportNo, in.ID.String())
	}
	c.title.SetText(conflictName(cf) + where)
	sameShown := false
	for _, row := range diffFields(cf.Local, cf.Incoming) {
		if !row.Differs && !sameShown {
			c.fields.Add(widget.NewSeparator())
			l := widget.NewLabel("Same on both sides")
			l.Importance = widget.LowImportance
			c.fields.Add(l)
			sameShown = true
		}
		c.fields.Add(row.view())
	}
	c.fields.Refresh()
}

// fieldDiff is one field of both versions.
type fieldDiff struct {
	Field           string
	Local, Incoming string
	Differs         bool
}

func (f fieldDiff) view() fyne.CanvasObject {
	name, local, in := wrapLabel(f.Field), wrapLabel(f.Local), wrapLabel(f.Incoming)
	if f.Differs {
		// Neither side is "wrong": no red and green, both stand out alike.
		name.TextStyle.Bold, local.TextStyle.Bold, in.TextStyle.Bold = true, true, true
	} else {
		name.Importance, local.Importance, in.Importance = widget.LowImportance, widget.LowImportance, widget.LowImportance
	}
	return container.New(conflictCols, name, local, in)
}

// diffFields compares two JSON objects field by field: differing fields
// first, then the identical ones for context.
func diffFields(local, incoming json.RawMessage) []fieldDiff {
	var l, in map[string]json.RawMessage
	_ = json.Unmarshal(local, &l) // "null": missing here
	_ = json.Unmarshal(incoming, &in)
	keys := map[string]bool{}
	for k := range l {
		keys[k] = true
	}
	for k := range in {
		keys[k] = true
	}
	var diff, same []fieldDiff
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		lv, iv := l[k], in[k]
		f := fieldDiff{Field: k, Local: showJSON(lv, l == nil), Incoming: showJSON(iv, in == nil), Differs: !jsonEqual(lv, iv)}
		if f.Differs {
			diff = append(diff, f)
		} else {
			same = append(same, f)
		}
	}
	return append(diff, same...)
}

func jsonEqual(a, b json.RawMessage) bool {
	var x, y any
	_ = json.Unmarshal(a, &x)
	_ = json.Unmarshal(b, &y)
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return bytes.Equal(xa, ya)
}

// showJSON prints a value for people: strings bare, long ones cut (a
// signature's PNG is kilobytes of base64).
func showJSON(v json.RawMessage, missing bool) string {
	if missing {
		return "(not in this database)"
	}
	if len(v) == 0 {
		return "—"
	}
	var s string
	if json.Unmarshal(v, &s) == nil {
		if s == "" {
			return "—"
		}
		return cut(s)
	}
	var buf bytes.Buffer
	if json.Indent(&buf, v, "", "  ") == nil {
		return cut(buf.String())
	}
	return cut(string(v))
}

func cut(s string) string {
	if r := []rune(s); len(r) > 400 {
		return string(r[:400]) + fmt.Sprintf("… (%d characters)", len(r))
	}
	return s
}

func (c *ConflictsScreen) resolve(keep string) {
	if c.selected < 0 || c.selected >= len(c.conflicts) {
		return
	}
	err := c.d.Store.ResolveConflict(c.d.ctx(), c.conflicts[c.selected].ID, keep)
	if err != nil {
		if inspection.ErrorCode(err) == inspection.EREADONLY {
			err = fmt.Errorf("%w\n\nKeep local here, and correct the finalized inspection with a new revision if the incoming version is right", err)
		}
		c.d.showError(err)
		return
	}
	c.Reload()
}
