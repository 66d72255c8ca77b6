package remote_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/loupeqc/loupe/inspection/remote"
	"github.com/loupeqc/loupe/inspection/remote/s3test"
)

// contract is what the exchange relies on from every kind of remote.
func contract(t *testing.T, r remote.Remote) {
	ctx := context.Background()
	put := func(key, body string) {
		t.Helper()
		if err := r.Put(ctx, key, strings.NewReader(body), int64(len(body))); err != nil {
			t.Fatalf("Put %s: %v", key, err)
		}
	}
	get := func(key string) string {
		t.Helper()
		rc, err := r.Get(ctx, key)
		if err != nil {
			t.Fatalf("Get %s: %v", key, err)
		}
		defer rc.Close()
		b, err := io.ReadAll(rc)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	put("v1/log/dev-a/0000000001-aa.json", "first")
	put("v1/log/dev-a/0000000002-bb.json", "second")
	put("v1/log/dev-b/0000000001-cc.json", "other")
	put("v1/objects/x.json", "object")

	// Immutable: a second Put of an existing key changes nothing.
	put("v1/objects/x.json", "rewritten")
	if got := get("v1/objects/x.json"); got != "object" {
		t.Errorf("an existing object was replaced: %q", got)
	}
	if ok, err := r.Exists(ctx, "v1/objects/x.json"); err != nil || !ok {
		t.Errorf("Exists = %v, %v", ok, err)
	}
	if ok, err := r.Exists(ctx, "v1/objects/missing.json"); err != nil || ok {
		t.Errorf("Exists(missing) = %v, %v", ok, err)
	}
	if _, err := r.Get(ctx, "v1/objects/missing.json"); !errors.Is(err, remote.ErrNotFound) {
		t.Errorf("Get(missing) = %v, want ErrNotFound", err)
	}

	list := func(dir, after string) []string {
		t.Helper()
		var keys []string
		err := r.List(ctx, dir, after, func(k string, size int64) error {
			keys = append(keys, k)
			return nil
		})
		if err != nil {
			t.Fatalf("List %s: %v", dir, err)
		}
		return keys
	}
	if got := strings.Join(list("v1/log/", ""), " "); got != "v1/log/dev-a/ v1/log/dev-b/" {
		t.Errorf("devices = %s", got)
	}
	if got := strings.Join(list("v1/log/dev-a/", ""), " "); got != "v1/log/dev-a/0000000001-aa.json v1/log/dev-a/0000000002-bb.json" {
		t.Errorf("log = %s", got)
	}
	if got := strings.Join(list("v1/log/dev-a/", "v1/log/dev-a/0000000001-aa.json"), " "); got != "v1/log/dev-a/0000000002-bb.json" {
		t.Errorf("log after the first = %s", got)
	}
	if got := list("v1/nothing/", ""); len(got) != 0 {
		t.Errorf("an empty folder lists %v", got)
	}
	big := bytes.Repeat([]byte("0123456789abcdef"), 1<<16) // 1 MiB
	if err := r.Put(ctx, "v1/photos/big.jpg", bytes.NewReader(big), int64(len(big))); err != nil {
		t.Fatal(err)
	}
	if got := get("v1/photos/big.jpg"); got != string(big) {
		t.Errorf("1 MiB object came back with %d bytes", len(got))
	}
}

func TestFolderContract(t *testing.T) {
	dir := t.TempDir()
	r, err := remote.Open(remote.Config{URL: "dir:" + dir})
	if err != nil {
		t.Fatal(err)
	}
	contract(t, r)
	// What a sync tool leaves beside an object (a half-synced temporary
	// file, a conflicted copy) is listed as is, never as one of ours.
	if err := os.WriteFile(filepath.Join(dir, "v1", "objects", "x (conflicted copy).json"), []byte("?"), 0o644); err != nil {
		t.Fatal(err)
	}
	var keys []string
	r.List(context.Background(), "v1/objects/", "", func(k string, _ int64) error { keys = append(keys, k); return nil })
	if strings.Join(keys, " ") != "v1/objects/x (conflicted copy).json v1/objects/x.json" {
		t.Errorf("keys = %q", keys)
	}
}

func TestFolderMissing(t *testing.T) {
	_, err := remote.Open(remote.Config{URL: "dir:" + filepath.Join(t.TempDir(), "not-mounted")})
	if err == nil || !strings.Contains(err.Error(), "does not exist") || !remote.IsPermanent(err) {
		t.Errorf("a missing shared folder: %v", err)
	}
}

func TestS3Contract(t *testing.T) {
	srv := s3test.Start(t, "loupe")
	srv.Env(t)
	r, err := remote.Open(srv.Config("loupe", "team"))
	if err != nil {
		t.Fatal(err)
	}
	contract(t, r)
	// The prefix keeps the team's objects apart from anything else in the bucket.
	if _, err := os.Stat(filepath.Join(srv.Root, "loupe", "team", "v1", "objects", "x.json")); err != nil {
		t.Errorf("object not under the prefix: %v", err)
	}
}

func TestS3WrongKeys(t *testing.T) {
	srv := s3test.Start(t, "loupe")
	t.Setenv(remote.AccessKeyEnv, s3test.AccessKey)
	t.Setenv(remote.SecretKeyEnv, "wrong")
	r, err := remote.Open(srv.Config("loupe", ""))
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Exists(context.Background(), "x")
	if err == nil || !remote.IsPermanent(err) || !strings.Contains(err.Error(), remote.SecretKeyEnv) || strings.Contains(err.Error(), "wrong") {
		t.Errorf("wrong keys: %v", err)
	}
}

func TestS3NoKeys(t *testing.T) {
	t.Setenv(remote.AccessKeyEnv, "")
	t.Setenv(remote.SecretKeyEnv, "")
	_, err := remote.Open(remote.Config{URL: "s3://b/p", Endpoint: "http://127.0.0.1:1"})
	if err == nil || !strings.Contains(err.Error(), remote.AccessKeyEnv) {
		t.Errorf("no keys: %v", err)
	}
}

func TestConfigCheck(t *testing.T) {
	for _, tc := range []struct {
		c    remote.Config
		want string // "" for valid
	}{
		{remote.Config{URL: "s3://bucket/team"}, ""},
		{remote.Config{URL: "s3://bucket", Endpoint: "https://minio.example.com:9000"}, ""},
		{remote.Config{URL: "dir:/mnt/share"}, ""},
		{remote.Config{URL: "s3:///team"}, "names no bucket"},
		{remote.Config{URL: "s3://b", Endpoint: "minio:9000"}, "https://host"},
		{remote.Config{URL: "s3://b", Endpoint: "ftp://x"}, "https://host"},
		{remote.Config{URL: "dir:"}, "give the folder"},
		{remote.Config{URL: "dir:/x", Endpoint: "https://x"}, "for S3 buckets"},
		{remote.Config{URL: "/mnt/share"}, "dir:PATH"},
		{remote.Config{URL: "https://bucket.s3.amazonaws.com"}, "s3://BUCKET"},
	} {
		err := tc.c.Check()
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%+v: %v", tc.c, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%+v: %v, want %q", tc.c, err, tc.want)
		}
	}
}
