// Package s3test starts a real S3 server for tests: versitygw (Apache-2.0,
// an S3 gateway over a local folder), listening on 127.0.0.1 only. `make
// test` builds it once into a cache folder and names it in LOUPE_VERSITYGW.
package s3test

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/loupeqc/loupe/inspection/remote"
)

// BinaryEnv names the versitygw executable.
const BinaryEnv = "LOUPE_VERSITYGW"

// Keys of the test server's root user.
const (
	AccessKey = "loupe-test-access"
	SecretKey = "loupe-test-secret-0123456789"
)

// Server is a running versitygw.
type Server struct {
	Endpoint string // http://127.0.0.1:PORT
	Root     string // the folder it serves: one sub-folder per bucket
}

// Binary finds versitygw: LOUPE_VERSITYGW, else where `make test` builds
// it. A test without it is skipped with the reason, except under CI, where
// it fails: CI must build the server.
func Binary(t testing.TB) string {
	t.Helper()
	path := os.Getenv(BinaryEnv)
	if path == "" {
		if home, err := os.UserHomeDir(); err == nil {
			path = filepath.Join(home, ".cache", "loupe-test-bin", "versitygw")
		}
	}
	if _, err := os.Stat(path); err != nil {
		msg := fmt.Sprintf("the S3 test server is not built (%v): run `make test`, which builds github.com/versity/versitygw/cmd/versitygw into ~/.cache/loupe-test-bin, or set %s", err, BinaryEnv)
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return path
}

// Start runs versitygw on a free port of 127.0.0.1 over a new temporary
// folder, with the given buckets created, and stops it when the test ends.
func Start(t testing.TB, buckets ...string) *Server {
	t.Helper()
	bin := Binary(t)
	root := t.TempDir()
	for _, b := range buckets {
		if err := os.Mkdir(filepath.Join(root, b), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	port := freePort(t)
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	cmd := exec.Command(bin, "--access", AccessKey, "--secret", SecretKey, "--port", addr, "--quiet", "posix", "--nometa", root)
	log, err := os.Create(filepath.Join(t.TempDir(), "versitygw.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatalf("start versitygw: %v", err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		log.Close()
	})
	s := &Server{Endpoint: "http://" + addr, Root: root}
	deadline := time.Now().Add(20 * time.Second)
	for {
		if s.ready() {
			return s
		}
		if time.Now().After(deadline) {
			out, _ := os.ReadFile(log.Name())
			t.Fatalf("versitygw did not answer on %s within 20 s:\n%s", addr, out)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (s *Server) ready() bool {
	c, err := minio.New(s.Endpoint[len("http://"):], &minio.Options{Creds: credentials.NewStaticV4(AccessKey, SecretKey, ""), MaxRetries: 1})
	if err != nil {
		return false
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, err = c.ListBuckets(ctx)
	return err == nil
}

// Config is a remote on bucket/prefix of this server.
func (s *Server) Config(bucket, prefix string) remote.Config {
	return remote.Config{URL: "s3://" + bucket + "/" + prefix, Endpoint: s.Endpoint, Region: "us-east-1"}
}

// Env sets the keys for remote.Open for the rest of the test.
func (s *Server) Env(t *testing.T) {
	t.Setenv(remote.AccessKeyEnv, AccessKey)
	t.Setenv(remote.SecretKeyEnv, SecretKey)
}

func freePort(t testing.TB) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
