package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/loupeqc/loupe/inspection"
)

// timeLayout is RFC 3339 with a fixed nine-digit fraction, so stored times
// sort correctly as text (a variable fraction would put "…:00.5Z" before "…:00Z").
const timeLayout = "2006-01-02T15:04:05.000000000Z"

// encTime stores t in UTC; the zero time is the empty string.
func encTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeLayout)
}

// timeCol scans a stored time back into a UTC time.Time.
type timeCol struct{ t *time.Time }

func (c timeCol) Scan(v any) error {
	var s string
	switch x := v.(type) {
	case nil:
	case string:
		s = x
	case []byte:
		s = string(x)
	default:
		return fmt.Errorf("time column holds %T, want text", v)
	}
	if s == "" {
		*c.t = time.Time{}
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("stored time %q: %w", s, err)
	}
	*c.t = t.UTC()
	return nil
}

// ref stores a reference: NilID is NULL.
func ref(id inspection.ID) driver.Value {
	if id == inspection.NilID {
		return nil
	}
	return id.String()
}

// encJSON stores a slice as JSON text (nil as "null", so it comes back nil).
func encJSON(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// jsonCol scans JSON text into the value p points to.
type jsonCol struct{ p any }

func (c jsonCol) Scan(v any) error {
	var b []byte
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		b = []byte(x)
	case []byte:
		b = x
	default:
		return fmt.Errorf("JSON column holds %T, want text", v)
	}
	if len(b) == 0 {
		return nil
	}
	return json.Unmarshal(b, c.p)
}

// stringsCol scans a JSON array of strings, as encJSON stores a []string
// (POs, e-mail addresses). The list decodes one per row, and the common
// form, plain strings without escapes, is split directly instead of going
// through encoding/json's reflection; anything else (an escape, null, a
// damaged value) takes json.Unmarshal, so the result is always what
// json.Unmarshal gives.
type stringsCol struct{ p *[]string }

func (c stringsCol) Scan(v any) error {
	if s, ok := v.(string); ok {
		if parts, ok := plainStrings(s); ok {
			*c.p = parts
			return nil
		}
	}
	return jsonCol{c.p}.Scan(v)
}

// plainStrings splits `["a","b"]` when no element holds a quote, a
// backslash, a control character or invalid UTF-8: then `","` can only be
// the separator, and each element is its own text.
func plainStrings(s string) ([]string, bool) {
	if len(s) < 4 || s[:2] != `["` || s[len(s)-2:] != `"]` || !utf8.ValidString(s) {
		return nil, false
	}
	parts := strings.Split(s[2:len(s)-2], `","`)
	for _, p := range parts {
		if strings.ContainsFunc(p, func(r rune) bool { return r == '"' || r == '\\' || r < 0x20 }) {
			return nil, false
		}
	}
	return parts, true
}

// needID refuses records without an ID.
func needID(what string, id inspection.ID) error {
	if id == inspection.NilID {
		return inspection.Errorf(inspection.EINVALID, "the %s has no ID: create it with inspection.NewID()", what)
	}
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// scanner is a row of a query, or the one row of QueryRow.
type scanner interface{ Scan(...any) error }

// queryAll runs a query and reads every row with scan, in order.
func queryAll[T any](ctx context.Context, tx *sql.Tx, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
