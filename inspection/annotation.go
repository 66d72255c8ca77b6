package inspection

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MarkKind is the shape of an annotation mark.
type MarkKind string

// Mark kinds.
const (
	MarkArrow  MarkKind = "arrow"  // from (X1,Y1) to the head at (X2,Y2), which points at the defect
	MarkCircle MarkKind = "circle" // the ellipse inscribed in the box (X1,Y1)–(X2,Y2)
	MarkText   MarkKind = "text"   // Text with its top-left corner at (X1,Y1)
)

// MarkTextMax keeps labels short: a note on a photo points, the finding explains.
const MarkTextMax = 60

// DefaultMarkColor is the red inspectors use to point at a defect.
const DefaultMarkColor = "#e00000"

// Mark is one arrow, circle or label drawn over a photo. Coordinates are
// fractions (0..1) of the upright working copy's width and height, so the
// layer fits the screen preview, the working copy and the printed image
// alike, and the photo files themselves are never changed.
type Mark struct {
	Kind  MarkKind `json:"kind"`
	X1    float64  `json:"x1"`
	Y1    float64  `json:"y1"`
	X2    float64  `json:"x2,omitempty"`
	Y2    float64  `json:"y2,omitempty"`
	Text  string   `json:"text,omitempty"`
	Color string   `json:"color,omitempty"` // "#rrggbb"; DefaultMarkColor when empty
}

var hexColor = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// Validate says what is wrong with a mark, in words for the inspector.
func (m Mark) Validate() error {
	for _, v := range []float64{m.X1, m.Y1, m.X2, m.Y2} {
		if math.IsNaN(v) || v < 0 || v > 1 {
			return Errorf(EINVALID, "a %s mark lies outside the photo (coordinates must be between 0 and 1, got %g): draw it again on the image", m.Kind, v)
		}
	}
	if m.Color != "" && !hexColor.MatchString(m.Color) {
		return Errorf(EINVALID, "mark colour %q is not a #rrggbb colour", m.Color)
	}
	switch m.Kind {
	case MarkArrow, MarkCircle:
		if m.X1 == m.X2 && m.Y1 == m.Y2 {
			return Errorf(EINVALID, "the %s has no size: drag across the photo to draw it", m.Kind)
		}
	case MarkText:
		t := strings.TrimSpace(m.Text)
		if t == "" {
			return Errorf(EINVALID, "a text mark needs text: type it first, then click the photo")
		}
		if utf8.RuneCountInString(t) > MarkTextMax {
			return Errorf(EINVALID, "the text %q is longer than %d characters: keep labels short and explain in the finding", t, MarkTextMax)
		}
	default:
		return Errorf(EINVALID, "unknown mark kind %q (want arrow, circle or text)", m.Kind)
	}
	return nil
}

// RGB returns the mark's colour as red, green, blue bytes.
func (m Mark) RGB() (r, g, b uint8) {
	c := m.Color
	if !hexColor.MatchString(c) {
		c = DefaultMarkColor
	}
	v, _ := strconv.ParseUint(c[1:], 16, 32)
	return uint8(v >> 16), uint8(v >> 8), uint8(v)
}

// ParseMarks reads a photo's annotation layer (Photo.Annotations). An empty
// layer is no marks.
func ParseMarks(s string) ([]Mark, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var marks []Mark
	if err := json.Unmarshal([]byte(s), &marks); err != nil {
		return nil, Errorf(EINVALID, "the photo's annotations are not readable (%v): clear them and draw them again", err)
	}
	for i, m := range marks {
		if err := m.Validate(); err != nil {
			return nil, fmt.Errorf("annotation %d: %w", i+1, err)
		}
	}
	return marks, nil
}

// MarshalMarks writes marks as a photo's annotation layer; no marks is "".
func MarshalMarks(marks []Mark) (string, error) {
	if len(marks) == 0 {
		return "", nil
	}
	for i, m := range marks {
		if err := m.Validate(); err != nil {
			return "", fmt.Errorf("annotation %d: %w", i+1, err)
		}
	}
	b, err := json.Marshal(marks)
	return string(b), err
}
