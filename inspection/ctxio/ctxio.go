// Package ctxio makes long reads stop when their context ends.
package ctxio

import (
	"context"
	"io"
)

// Reader reads r until ctx is done, then fails every read with ctx's
// error: a copy, a hash or a decode over it ends soon after a
// cancellation instead of at the end of the file or the upload.
func Reader(ctx context.Context, r io.Reader) io.Reader { return reader{ctx, r} }

type reader struct {
	ctx context.Context
	r   io.Reader
}

func (c reader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
