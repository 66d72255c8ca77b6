// Package remote reaches the places where laptops exchange their work: an
// S3-compatible bucket (AWS S3, MinIO, Cloudflare R2, Backblaze B2, Garage,
// Ceph) or a plain folder that the company's own sync tool replicates
// (OneDrive, Dropbox, Syncthing, an SMB share).
//
// Both hold immutable objects under slash-separated keys. Put never
// replaces an object that exists, so what one laptop wrote no other can
// change; callers name objects by their content, so two laptops writing
// the same key write the same bytes.
package remote

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Remote is an object store of immutable objects.
type Remote interface {
	// Put stores size bytes from body under key, unless key exists already
	// (then it reads nothing and returns nil). The object appears whole or
	// not at all.
	Put(ctx context.Context, key string, body io.Reader, size int64) error
	// Get opens the object; ErrNotFound when there is none.
	Get(ctx context.Context, key string) (io.ReadCloser, error)
	// Exists reports whether key holds an object.
	Exists(ctx context.Context, key string) (bool, error)
	// List calls fn with each entry directly under dir (a key prefix ending
	// in "/", or ""), in key order, starting after the key startAfter (""
	// for all). A sub-folder comes as its prefix, ending in "/", with size -1.
	List(ctx context.Context, dir, startAfter string, fn func(key string, size int64) error) error
	// String names the remote for messages; it never holds credentials.
	String() string
}

// ErrNotFound is the error of Get for a key that holds no object.
var ErrNotFound = errors.New("no such object")

// Permanent marks an error that trying again will not cure (wrong
// credentials, a missing bucket, a full disk): callers stop retrying.
type Permanent struct{ Err error }

func (e *Permanent) Error() string { return e.Err.Error() }
func (e *Permanent) Unwrap() error { return e.Err }

// IsPermanent reports whether err should not be retried.
func IsPermanent(err error) bool {
	var p *Permanent
	return errors.As(err, &p) || errors.Is(err, ErrNotFound) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// Environment variables holding the S3 keys. They are read when a remote
// is opened and never stored.
const (
	AccessKeyEnv = "LOUPE_S3_ACCESS_KEY"
	SecretKeyEnv = "LOUPE_S3_SECRET_KEY"
)

// Config says where a remote is; it holds no secret and is what Loupe
// stores for a remote.
type Config struct {
	URL      string // s3://BUCKET/PREFIX or dir:PATH
	Endpoint string // S3 only: https://host[:port]; empty for AWS S3
	Region   string // S3 only
}

// Kind is "s3" or "dir".
func (c Config) Kind() string {
	if strings.HasPrefix(c.URL, "s3://") {
		return "s3"
	}
	return "dir"
}

// Check says what is wrong with a remote's address, before anything is
// stored or contacted.
func (c Config) Check() error {
	switch {
	case strings.HasPrefix(c.URL, "s3://"):
		_, _, err := splitS3(c.URL)
		if err != nil {
			return err
		}
		if c.Endpoint != "" {
			if _, _, err := endpointHost(c.Endpoint); err != nil {
				return err
			}
		}
		return nil
	case strings.HasPrefix(c.URL, "dir:"):
		if strings.TrimSpace(strings.TrimPrefix(c.URL, "dir:")) == "" {
			return fmt.Errorf("remote %q: give the folder after dir:, e.g. dir:/mnt/share/loupe or dir:C:\\Users\\me\\OneDrive\\Loupe", c.URL)
		}
		if c.Endpoint != "" || c.Region != "" {
			return fmt.Errorf("remote %q is a folder: --endpoint and --region are for S3 buckets", c.URL)
		}
		return nil
	}
	return fmt.Errorf("remote %q: write s3://BUCKET/PREFIX (with --endpoint for MinIO and other S3-compatible storage) or dir:PATH for a shared folder", c.URL)
}

// Open connects to the remote (a folder is checked to exist). S3 keys come
// from LOUPE_S3_ACCESS_KEY and LOUPE_S3_SECRET_KEY.
func Open(c Config) (Remote, error) {
	if err := c.Check(); err != nil {
		return nil, err
	}
	if c.Kind() == "dir" {
		return OpenFolder(strings.TrimPrefix(c.URL, "dir:"))
	}
	ak, sk := os.Getenv(AccessKeyEnv), os.Getenv(SecretKeyEnv)
	if ak == "" || sk == "" {
		return nil, fmt.Errorf("the S3 keys are not set: set %s and %s to the bucket's access key and secret key (they are never stored by Loupe)", AccessKeyEnv, SecretKeyEnv)
	}
	return OpenS3(c, ak, sk)
}
