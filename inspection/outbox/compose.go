package outbox

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	"github.com/google/uuid"
	"github.com/loupeqc/loupe/inspection"
)

// DefaultTemplate is the body of a report email. It is a text/template
// over Fields.
const DefaultTemplate = `Dear {{.Client}},

please find attached the {{.Type}} report {{.ReportNo}} for {{.Product}} from {{.Supplier}}, inspected on {{.Date}} by {{.Inspector}}.

Result: {{.Verdict}}
{{if .Part}}
This is part {{.Part}} of {{.Parts}}: the attachments did not fit into one email.
{{end}}
Best regards,
{{.Inspector}}
`

// Fields are what a template can print.
type Fields struct {
	Client, Supplier, Product, ReportNo, Type, Date, Inspector, Verdict string
	Part, Parts                                                         int // 0 when the report fits in one email
}

// FieldsOf takes the template fields from a dossier.
func FieldsOf(d *inspection.Dossier) Fields {
	in := d.Inspection
	return Fields{
		Client:    d.Client.Name,
		Supplier:  inspection.DisplayName(d.Supplier.Name, d.Supplier.NameLocal),
		Product:   strings.TrimSpace(d.Product.SKU + " " + d.Product.Description),
		ReportNo:  in.ReportNo,
		Type:      string(in.Type),
		Date:      in.Date.Format("2 January 2006"),
		Inspector: in.Inspector,
		Verdict:   strings.ToUpper(string(d.Outcome().Verdict)),
	}
}

// Request is what the user asked to send.
type Request struct {
	InspectionID uuid.UUID
	To           []string
	Subject      string // "" for "Inspection report <no> – <supplier> – <verdict>"
	Template     string // "" for DefaultTemplate
	Fields       Fields
	Files        []string // the report, then its annex
	MaxBytes     int64    // per-message limit; DefaultMaxBytes when 0
}

// DefaultMaxBytes keeps a message under common 20–25 MB server limits once
// attachments are base64-encoded (4/3 larger).
const DefaultMaxBytes = 15 << 20

// Compose turns a request into one or more queued items: attachments are
// packed in order into emails whose encoded size stays under MaxBytes, so a
// report split into report + annex goes as two emails when together they
// are too big. A single file over the limit still gets its own email; the
// server has the last word.
func Compose(r Request, now time.Time) ([]*Item, error) {
	if len(r.To) == 0 {
		return nil, inspection.Errorf(inspection.EINVALID, "no recipient: give at least one email address")
	}
	limit := r.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	groups, err := pack(r.Files, limit)
	if err != nil {
		return nil, err
	}
	tmpl := r.Template
	if tmpl == "" {
		tmpl = DefaultTemplate
	}
	t, err := template.New("body").Parse(tmpl)
	if err != nil {
		return nil, inspection.Errorf(inspection.EINVALID, "the email template is wrong: %v", err)
	}
	subject := r.Subject
	if subject == "" {
		subject = fmt.Sprintf("Inspection report %s – %s – %s", r.Fields.ReportNo, r.Fields.Supplier, r.Fields.Verdict)
	}
	var items []*Item
	for i, files := range groups {
		f := r.Fields
		s := subject
		if len(groups) > 1 {
			f.Part, f.Parts = i+1, len(groups)
			s = fmt.Sprintf("%s (%d/%d)", subject, i+1, len(groups))
		}
		var body bytes.Buffer
		if err := t.Execute(&body, f); err != nil {
			return nil, inspection.Errorf(inspection.EINVALID, "the email template is wrong: %v", err)
		}
		items = append(items, &Item{ID: uuid.Must(uuid.NewV7()), InspectionID: r.InspectionID, To: r.To, Subject: s,
			Body: body.String(), Attachments: files, State: Queued, NextAttemptAt: now, CreatedAt: now})
	}
	return items, nil
}

func pack(files []string, limit int64) ([][]string, error) {
	var groups [][]string
	var cur []string
	var size int64
	for _, f := range files {
		abs, err := filepath.Abs(f)
		if err != nil {
			return nil, err
		}
		st, err := os.Stat(abs)
		if err != nil {
			return nil, fmt.Errorf("attachment %s: %w", f, err)
		}
		enc := st.Size() * 4 / 3
		if len(cur) > 0 && size+enc > limit {
			groups, cur, size = append(groups, cur), nil, 0
		}
		cur, size = append(cur, abs), size+enc
	}
	if len(cur) > 0 || len(groups) == 0 {
		groups = append(groups, cur)
	}
	return groups, nil
}
