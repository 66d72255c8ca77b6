package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// userDir is a data directory as Windows lays it out for a user whose name
// is not ASCII, with spaces on the way.
func userDir(t *testing.T) string {
	return filepath.Join(t.TempDir(), "Users", "李伟", "AppData", "Roaming", "Loupe data")
}

// TestDataDirResolvesEveryWay: --data, $LOUPE_DATA and the per-user
// default all accept non-ASCII names and spaces, and create the folder.
func TestDataDirResolvesEveryWay(t *testing.T) {
	flagDir, envDir, xdg := userDir(t), userDir(t), filepath.Join(t.TempDir(), "José Müller", "share")
	cases := []struct {
		name, flag, env, xdg, want string
	}{
		{"flag", flagDir, "", "", flagDir},
		{"flag over environment", flagDir, envDir, "", flagDir},
		{"environment", "", envDir, "", envDir},
		{"per-user default", "", "", xdg, filepath.Join(xdg, "loupe")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv(DataEnv, c.env)
			t.Setenv("XDG_DATA_HOME", c.xdg)
			got, err := DataDir(c.flag)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("DataDir = %q, want %q", got, c.want)
			}
			if fi, err := os.Stat(got); err != nil || !fi.IsDir() {
				t.Errorf("%s was not created: %v", got, err)
			}
		})
	}
}

// TestNonASCIIPathsEndToEnd runs the README's commands on a data directory,
// report and bundle whose paths hold Chinese characters and spaces.
func TestNonASCIIPathsEndToEnd(t *testing.T) {
	data := userDir(t)
	out := filepath.Join(t.TempDir(), "报告 2026", "LP 0502 最终.pdf")
	if err := os.MkdirAll(filepath.Dir(out), 0o700); err != nil {
		t.Fatal(err)
	}
	mustRun(t, Demo, "--data", data)
	if _, err := os.Stat(filepath.Join(data, DBFile)); err != nil {
		t.Fatalf("the database is not where --data says: %v", err)
	}

	list := mustRun(t, List, "--data", data, "--json")
	var rows []struct {
		ID, Supplier string
	}
	if err := json.Unmarshal([]byte(list), &rows); err != nil || len(rows) < 5 {
		t.Fatalf("list --json: %v, %d rows\n%s", err, len(rows), list)
	}

	report := mustRun(t, Report, "--data", data, "--inspection", rows[0].ID, "--out", out)
	if !strings.Contains(report, out) {
		t.Errorf("report does not print the path it wrote: %s", report)
	}
	if code, msg := run(t, Verify, out, "--data", data); code != ExitOK {
		t.Fatalf("verify %s: %d\n%s", out, code, msg)
	}

	bundle := filepath.Join(filepath.Dir(out), "李伟 的 bundle.loupe")
	mustRun(t, Export, "--data", data, "--inspection", rows[0].ID, "--out", bundle)
	other := filepath.Join(t.TempDir(), "Users", "王 芳", "Loupe")
	mustRun(t, Import, bundle, "--data", other)
	for _, db := range []string{data, other} {
		if code, msg := run(t, Verify, bundle, "--data", db); code != ExitOK {
			t.Fatalf("verify %s against %s: %d\n%s", bundle, db, code, msg)
		}
	}
}
