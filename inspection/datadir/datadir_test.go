package datadir

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestResolve(t *testing.T) {
	flagDir, envDir, xdg := t.TempDir(), t.TempDir(), t.TempDir()
	cases := []struct {
		name, flag, env, xdg string
		want                 string
	}{
		{"the flag wins", flagDir, envDir, xdg, flagDir},
		{"then the variable", "", envDir, xdg, envDir},
		{"then the per-user directory", "", "", xdg, filepath.Join(xdg, "loupe")},
		{"a relative flag becomes absolute", "rel", "", xdg, "rel"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv(Env, c.env)
			t.Setenv("XDG_DATA_HOME", c.xdg)
			t.Chdir(t.TempDir())
			d, err := Resolve(c.flag)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := filepath.Abs(c.want)
			if d.Path() != want {
				t.Errorf("Resolve = %s, want %s", d, want)
			}
			if st, err := os.Stat(d.Path()); err != nil || !st.IsDir() {
				t.Errorf("the directory was not created: %v", err)
			} else if runtime.GOOS != "windows" && c.want == "rel" && st.Mode().Perm() != 0o700 {
				t.Errorf("new data directory mode %v, want 0700", st.Mode().Perm())
			}
		})
	}
}

func TestPaths(t *testing.T) {
	d := Dir(filepath.FromSlash("/data"))
	for got, want := range map[string]string{
		d.DB():            "/data/loupe.db",
		d.Photos():        "/data/photos",
		d.Backups():       "/data/backups",
		d.Outbox("0190"):  "/data/outbox/0190",
		d.Reports():       "/data/reports",
		Of(d.DB()).Path(): "/data",
	} {
		if got != filepath.FromSlash(want) {
			t.Errorf("%s, want %s", got, want)
		}
	}
}
