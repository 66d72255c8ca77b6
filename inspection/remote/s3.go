package remote

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// S3 is a remote under a prefix of an S3-compatible bucket.
type S3 struct {
	client *minio.Client
	bucket string
	prefix string // "" or ending in "/"
	name   string
}

// awsEndpoint is AWS S3's, used when no endpoint is given.
const awsEndpoint = "https://s3.amazonaws.com"

// OpenS3 connects to the bucket with the given keys. The client itself
// does not retry: the exchange retries every call with its own backoff and
// tells the user how it goes.
func OpenS3(c Config, accessKey, secretKey string) (*S3, error) {
	bucket, prefix, err := splitS3(c.URL)
	if err != nil {
		return nil, err
	}
	ep := c.Endpoint
	if ep == "" {
		ep = awsEndpoint
	}
	host, secure, err := endpointHost(ep)
	if err != nil {
		return nil, err
	}
	transport := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout:   15 * time.Second,
		ResponseHeaderTimeout: 60 * time.Second,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConnsPerHost:   8,
	}
	client, err := minio.New(host, &minio.Options{
		Creds:      credentials.NewStaticV4(accessKey, secretKey, ""),
		Secure:     secure,
		Region:     c.Region,
		Transport:  transport,
		MaxRetries: 1,
	})
	if err != nil {
		return nil, &Permanent{fmt.Errorf("S3 endpoint %s: %w", ep, err)}
	}
	return &S3{client: client, bucket: bucket, prefix: prefix, name: c.URL + " at " + ep}, nil
}

// splitS3 reads s3://BUCKET/PREFIX.
func splitS3(u string) (bucket, prefix string, err error) {
	rest := strings.TrimPrefix(u, "s3://")
	bucket, prefix, _ = strings.Cut(rest, "/")
	if bucket == "" {
		return "", "", fmt.Errorf("remote %q names no bucket: write s3://BUCKET or s3://BUCKET/PREFIX", u)
	}
	prefix = strings.Trim(prefix, "/")
	if prefix != "" {
		prefix += "/"
	}
	return bucket, prefix, nil
}

// endpointHost reads http(s)://host[:port] as minio-go wants it.
func endpointHost(ep string) (string, bool, error) {
	u, err := url.Parse(ep)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") || strings.Trim(u.Path, "/") != "" {
		return "", false, fmt.Errorf("endpoint %q: write it as https://host[:port] (http:// only for a server on the local network)", ep)
	}
	return u.Host, u.Scheme == "https", nil
}

func (s *S3) String() string { return s.name }

// Put uploads the object unless it exists.
func (s *S3) Put(ctx context.Context, key string, body io.Reader, size int64) error {
	if ok, err := s.Exists(ctx, key); err != nil || ok {
		return err
	}
	_, err := s.client.PutObject(ctx, s.bucket, s.prefix+key, body, size, minio.PutObjectOptions{
		ContentType:    "application/octet-stream",
		SendContentMd5: true, // the server refuses a body damaged on the way
	})
	return s.classify(err)
}

// Get downloads the object. The first read tells a missing object.
func (s *S3) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	obj, err := s.client.GetObject(ctx, s.bucket, s.prefix+key, minio.GetObjectOptions{})
	if err != nil {
		return nil, s.classify(err)
	}
	if _, err := obj.Stat(); err != nil {
		obj.Close()
		if notFound(err) {
			return nil, fmt.Errorf("%s: %w", key, ErrNotFound)
		}
		return nil, s.classify(err)
	}
	return obj, nil
}

// Exists asks for the object's metadata.
func (s *S3) Exists(ctx context.Context, key string) (bool, error) {
	_, err := s.client.StatObject(ctx, s.bucket, s.prefix+key, minio.StatObjectOptions{})
	switch {
	case err == nil:
		return true, nil
	case notFound(err):
		return false, nil
	}
	return false, s.classify(err)
}

// List lists one level under dir.
func (s *S3) List(ctx context.Context, dir, startAfter string, fn func(key string, size int64) error) error {
	opts := minio.ListObjectsOptions{Prefix: s.prefix + dir, Recursive: false}
	if startAfter != "" {
		opts.StartAfter = s.prefix + startAfter
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops the listing goroutine when fn fails
	for obj := range s.client.ListObjects(ctx, s.bucket, opts) {
		if obj.Err != nil {
			if notFound(obj.Err) {
				return &Permanent{fmt.Errorf("bucket %s does not exist: create it, or check the name in `loupe remote list`", s.bucket)}
			}
			return s.classify(obj.Err)
		}
		key := strings.TrimPrefix(obj.Key, s.prefix)
		size := obj.Size
		if strings.HasSuffix(key, "/") {
			size = -1
		}
		if key <= startAfter {
			continue
		}
		if err := fn(key, size); err != nil {
			return err
		}
	}
	return ctx.Err()
}

func notFound(err error) bool {
	code := minio.ToErrorResponse(err).Code
	return code == "NoSuchKey" || code == "NotFound" || code == "NoSuchBucket"
}

// classify marks what retrying cannot fix, with what to do about it.
func (s *S3) classify(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	resp := minio.ToErrorResponse(err)
	switch resp.Code {
	case "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "AllAccessDisabled":
		return &Permanent{fmt.Errorf("%s refused the keys (%s): check %s and %s", s.name, resp.Code, AccessKeyEnv, SecretKeyEnv)}
	case "NoSuchBucket":
		return &Permanent{fmt.Errorf("bucket %s does not exist at %s: create it, or check the name", s.bucket, s.name)}
	case "AuthorizationHeaderMalformed", "InvalidRegion":
		return &Permanent{fmt.Errorf("%s wants another region (%s): set it with --region", s.name, resp.Message)}
	}
	return fmt.Errorf("%s: %w", s.name, err)
}
