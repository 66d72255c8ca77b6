package app

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/mail"
	"github.com/loupeqc/loupe/inspection/outbox"
	"github.com/loupeqc/loupe/report/delivery"
)

// mailDialog composes the email that carries a report: to the outbox, or
// as a draft for the inspector's own mail program.
type mailDialog struct {
	e           *Editor
	dlg         dialog.Dialog
	to, subject *widget.Entry
	body        *widget.Entry
	defaultSubj string
	defaultBody string
	fields      outbox.Fields
	files       []string
	draft       bool
	confirm     *widget.Button
}

// composeMail fills subject and body from the template (report number,
// supplier, verdict) and lets the inspector change them before queuing.
func (e *Editor) composeMail(files []string, draft bool) *mailDialog {
	e.d.flush()
	dos, err := e.d.Store.Dossier(e.d.ctx(), e.in.ID)
	if err != nil {
		e.d.showError(err)
		return nil
	}
	m := &mailDialog{e: e, files: files, draft: draft, fields: outbox.FieldsOf(dos)}
	preview, err := outbox.Compose(outbox.Request{To: []string{"preview"}, Fields: m.fields}, time.Now())
	if err != nil {
		e.d.showError(err)
		return nil
	}
	m.defaultSubj, m.defaultBody = preview[0].Subject, preview[0].Body
	m.to = widget.NewEntry()
	m.to.SetPlaceHolder("qa@client.com, buyer@client.com")
	m.to.SetText(e.d.App.Preferences().String(prefMailTo))
	m.subject = widget.NewEntry()
	m.subject.SetText(m.defaultSubj)
	m.body = widget.NewMultiLineEntry()
	m.body.Wrapping = fyne.TextWrapWord
	m.body.SetText(m.defaultBody)
	m.body.SetMinRowsVisible(11)
	attach := make([]string, len(files))
	for i, f := range files {
		attach[i] = filepath.Base(f)
	}
	form := widget.NewForm(
		widget.NewFormItem("To", m.to),
		widget.NewFormItem("Subject", m.subject),
		widget.NewFormItem("Attached", widget.NewLabel(strings.Join(attach, ", "))),
		widget.NewFormItem("Message", m.body),
	)
	title, verb := "Send report by email", "Put in outbox"
	note := "The email waits in the outbox (File > Outbox) and leaves as soon as the mail server can be reached; reports too big for one email are split."
	if draft {
		title, verb = "Open in mail client", "Open draft"
		note = "Loupe writes an unsent email with the report attached and opens it in your mail program, to check and send from there."
	}
	m.confirm = widget.NewButton(verb, m.run)
	m.confirm.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() { m.dlg.Hide() })
	content := container.NewBorder(wrapLabel(note), container.NewHBox(layout.NewSpacer(), cancel, m.confirm), nil, nil, form)
	m.dlg = dialog.NewCustomWithoutButtons(title, content, e.d.Window)
	m.dlg.Resize(fyne.NewSize(680, 0))
	m.dlg.Show()
	e.d.Window.Canvas().Focus(m.to)
	return m
}

// request is what the form says; unchanged texts go as "" so that a split
// report's parts get numbered subjects and a "part 1 of 2" line.
func (m *mailDialog) request() outbox.Request {
	r := outbox.Request{InspectionID: m.e.in.ID, To: splitAddresses(m.to.Text), Fields: m.fields, Files: m.files}
	if s := strings.TrimSpace(m.subject.Text); s != m.defaultSubj {
		r.Subject = s
	}
	if m.body.Text != m.defaultBody {
		r.Template = m.body.Text
	}
	return r
}

func splitAddresses(s string) []string {
	var out []string
	for _, a := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' }) {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

func (m *mailDialog) run() {
	r := m.request()
	for _, a := range r.To {
		if !strings.Contains(a, "@") {
			m.e.d.showError(inspection.Errorf(inspection.EINVALID, "%q is not an email address: separate addresses with commas", a))
			return
		}
	}
	m.e.d.App.Preferences().SetString(prefMailTo, strings.Join(r.To, ", "))
	if m.draft {
		items, err := outbox.Compose(r, time.Now().UTC())
		if err != nil {
			m.e.d.showError(err)
			return
		}
		m.openDrafts(items)
		return
	}
	db := m.e.d.Store
	var items []*outbox.Item
	dos, err := db.Dossier(m.e.d.ctx(), m.e.in.ID)
	if err == nil {
		items, err = delivery.Queue(m.e.d.ctx(), db, m.e.d.Data, dos, r)
	}
	if err != nil {
		m.e.d.showError(fmt.Errorf("the email was not queued: %w", err))
		return
	}
	m.dlg.Hide()
	what := "is in the outbox"
	if len(items) > 1 {
		what = fmt.Sprintf("is in the outbox as %d emails (too big for one)", len(items))
	}
	m.e.d.notify(fmt.Sprintf("%s for %s %s. It leaves as soon as the mail server can be reached (File > Outbox).",
		firstNonEmpty(m.fields.ReportNo, "The report"), strings.Join(r.To, ", "), what))
	m.e.d.sendSoon()
}

// openDrafts writes each email beside the report and opens it with the
// system's handler for .eml files.
func (m *mailDialog) openDrafts(items []*outbox.Item) {
	dir := m.e.d.reportDir()
	if len(m.files) > 0 {
		dir = filepath.Dir(m.files[0])
	}
	from := smtpSettings(m.e.d.App).From
	for _, it := range items {
		path, err := mail.WriteDraft(from, it, dir)
		if err != nil {
			m.e.d.showError(err)
			return
		}
		m.e.d.openPath(path)
	}
	m.dlg.Hide()
}
