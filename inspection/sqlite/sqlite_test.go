package sqlite_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

var ctx = context.Background()

// open opens a fresh database file in t.TempDir().
func open(t testing.TB) *sqlite.DB {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "loupe.db"))
}

func openAt(t testing.TB, path string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// wantCode fails unless err carries the domain error code.
func wantCode(t testing.TB, err error, code string) {
	t.Helper()
	if got := inspection.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

// fixture is a small but complete set of parties and a draft inspection.
type fixture struct {
	client   inspection.Client
	supplier inspection.Supplier
	factory  inspection.Factory
	product  inspection.Product
	golden   inspection.Sample
	in       *inspection.Inspection
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func seed(t testing.TB, db *sqlite.DB) *fixture {
	t.Helper()
	f := &fixture{
		client:   inspection.Client{ID: inspection.NewID(), Name: "Hearth & Home GmbH", Contact: "qc@hearth.example"},
		supplier: inspection.Supplier{ID: inspection.NewID(), Name: "Ningbo Brightway Housewares Co., Ltd.", NameLocal: "宁波明途家居用品有限公司", Address: "Yinzhou, Ningbo"},
	}
	f.factory = inspection.Factory{ID: inspection.NewID(), SupplierID: f.supplier.ID, Name: "Brightway Plant 2", NameLocal: "明途二厂"}
	f.product = inspection.Product{ID: inspection.NewID(), ClientID: f.client.ID, SKU: "HB-4471", Description: "Ceramic mug 350 ml", SpecRef: "SPEC-4471 rev C"}
	f.golden = inspection.Sample{ID: inspection.NewID(), ProductID: f.product.ID, Kind: inspection.Golden, Code: "GS-4471-A", Version: 1, Date: day(2026, 1, 5)}
	must(t, db.PutClient(ctx, &f.client))
	must(t, db.PutSupplier(ctx, &f.supplier))
	must(t, db.PutFactory(ctx, &f.factory))
	must(t, db.PutProduct(ctx, &f.product))
	must(t, db.PutSample(ctx, &f.golden))
	f.in = newInspection(f, "LP-2026-0001", day(2026, 3, 4))
	must(t, db.PutInspection(ctx, f.in))
	return f
}

func newInspection(f *fixture, reportNo string, date time.Time) *inspection.Inspection {
	in := inspection.NewInspection(inspection.PSI, date)
	in.ReportNo = reportNo
	in.ClientID, in.SupplierID, in.FactoryID, in.ProductID = f.client.ID, f.supplier.ID, f.factory.ID, f.product.ID
	in.GoldenSampleID = f.golden.ID
	in.POs = []string{"PO-88123", "PO-88124"}
	in.Inspector = "Li Wei"
	in.LotSize = 3200
	return in
}

func TestOddPaths(t *testing.T) {
	for _, name := range []string{"with space", "what?", "hash#1", "percent%20", "检验数据"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), name)
			must(t, os.Mkdir(dir, 0o755))
			path := filepath.Join(dir, "loupe.db")
			db := openAt(t, path)
			seed(t, db)
			must(t, db.Close())
			if _, err := os.Stat(path); err != nil {
				t.Fatalf("database not at %s: %v", path, err)
			}
			db = openAt(t, path)
			if _, err := db.Latest(ctx); err != nil {
				t.Errorf("reopen %s: %v", path, err)
			}
		})
	}
}

// pragma reads an integer pragma through a plain connection.
func pragma(t *testing.T, path, name string) int {
	t.Helper()
	raw, err := sql.Open("sqlite", path)
	must(t, err)
	defer raw.Close()
	var v int
	must(t, raw.QueryRow("PRAGMA "+name).Scan(&v))
	return v
}

func TestMigrations(t *testing.T) {
	path := filepath.Join(t.TempDir(), "loupe.db")
	db, err := sqlite.Open(path)
	must(t, err)
	f := seed(t, db)
	must(t, db.Close())
	newest := sqlite.SchemaVersion()
	if newest < 1 {
		t.Fatalf("SchemaVersion = %d", newest)
	}
	if v := pragma(t, path, "user_version"); v != newest {
		t.Fatalf("user_version after first open = %d, want %d", v, newest)
	}

	// Reopening changes nothing and keeps the data.
	db = openAt(t, path)
	if v := pragma(t, path, "user_version"); v != newest {
		t.Errorf("user_version after reopen = %d, want %d", v, newest)
	}
	if _, err := db.Inspection(ctx, f.in.ID); err != nil {
		t.Errorf("inspection lost on reopen: %v", err)
	}
	must(t, db.Close())
}

func TestTooNewDatabaseRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "loupe.db")
	db, err := sqlite.Open(path)
	must(t, err)
	seed(t, db)
	must(t, db.Close())
	future := sqlite.SchemaVersion() + 6
	raw, err := sql.Open("sqlite", path)
	must(t, err)
	_, err = raw.Exec(fmt.Sprintf("PRAGMA user_version = %d", future))
	must(t, err)
	must(t, raw.Close())
	before, err := os.ReadFile(path)
	must(t, err)

	_, err = sqlite.Open(path)
	wantCode(t, err, inspection.ETOONEW)
	for _, want := range []string{fmt.Sprintf("schema %d", future), fmt.Sprintf("up to %d", sqlite.SchemaVersion()), "nothing was changed"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	after, err := os.ReadFile(path)
	must(t, err)
	if !bytes.Equal(before, after) {
		t.Error("refusing a too-new database changed the file")
	}
}

func TestPragmas(t *testing.T) {
	db := open(t)
	for _, tc := range []struct{ name, want string }{
		{"journal_mode", "wal"}, {"synchronous", "2"}, {"foreign_keys", "1"}, {"busy_timeout", "10000"},
	} {
		got, err := db.Pragma(ctx, tc.name)
		must(t, err)
		if got != tc.want {
			t.Errorf("PRAGMA %s = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestBackupAndIntegrity(t *testing.T) {
	db := open(t)
	f := seed(t, db)
	report, err := db.IntegrityCheck(ctx)
	must(t, err)
	if report != "ok" {
		t.Fatalf("IntegrityCheck = %q", report)
	}
	dest := filepath.Join(t.TempDir(), "backup.db")
	must(t, db.Backup(ctx, dest))
	copy := openAt(t, dest)
	got, err := copy.ListInspections(ctx, inspection.Filter{Search: "Brightway"})
	must(t, err)
	if len(got) != 1 || got[0].ID != f.in.ID {
		t.Errorf("backup search = %+v, want the seeded inspection", got)
	}
	if err := db.Backup(ctx, dest); err == nil {
		t.Error("Backup over an existing file succeeded")
	}
}
