package photo

import (
	"image"
	"testing"

	"github.com/loupeqc/loupe/inspection"
)

// FuzzAnnotate draws any annotation layer the parser accepts on a photo,
// at a large and a tiny size: drawing never panics, whatever the marks.
func FuzzAnnotate(f *testing.F) {
	for _, s := range []string{
		`[{"kind":"arrow","x1":0.1,"y1":0.2,"x2":0.5,"y2":0.6}]`,
		`[{"kind":"arrow","x1":0,"y1":0,"x2":1e-300,"y2":0}]`,
		`[{"kind":"circle","x1":1,"y1":1,"x2":0,"y2":0,"color":"#00ff00"}]`,
		`[{"kind":"circle","x1":0.5,"y1":0.5,"x2":0.5,"y2":0.5000001}]`,
		`[{"kind":"text","x1":1,"y1":1,"text":"划痕 scratch 경첩 ヒンジ 😀"}]`,
		`[{"kind":"text","x1":0,"y1":0,"text":"\u0000\u202e"}]`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, layer string) {
		marks, err := inspection.ParseMarks(layer)
		if err != nil {
			return
		}
		for _, size := range []image.Rectangle{image.Rect(0, 0, 320, 240), image.Rect(0, 0, 1, 1)} {
			if out := Annotate(image.NewRGBA(size), marks); out.Bounds().Size() != size.Size() {
				t.Fatalf("annotated image is %v, want %v", out.Bounds(), size)
			}
		}
	})
}
