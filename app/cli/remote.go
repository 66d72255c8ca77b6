package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/loupeqc/loupe/inspection/remote"
	"github.com/loupeqc/loupe/inspection/sqlite"
	"github.com/loupeqc/loupe/inspection/workspace"
)

const remoteUsage = `usage: loupe remote add NAME s3://BUCKET/PREFIX [--endpoint URL] [--region R] [--scope all|own] [--data DIR]
       loupe remote add NAME dir:PATH [--scope all|own] [--data DIR]
       loupe remote list [--json] [--data DIR]
       loupe remote remove NAME [--data DIR]`

// Remote runs `loupe remote add|list|remove`: where this laptop syncs.
// Keys are never stored: they come from LOUPE_S3_ACCESS_KEY and
// LOUPE_S3_SECRET_KEY when a sync runs.
func Remote(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return fail(stderr, usagef("%s", remoteUsage))
	}
	cmd := newCommand("remote "+args[0], stderr)
	endpoint := cmd.String("endpoint", "", "S3 endpoint, https://host[:port] (MinIO, R2, B2, Garage, Ceph); empty: AWS S3")
	region := cmd.String("region", "", "S3 region")
	scope := cmd.String("scope", sqlite.ScopeAll, "what to pull: all, or own (this laptop's inspections and their suppliers' history)")
	asJSON := cmd.Bool("json", false, "print JSON")
	rest, ok := cmd.parse(args[1:])
	if !ok {
		return ExitUsage
	}
	verb := args[0]
	return cmd.withData(func(ctx context.Context, ws *workspace.Workspace) int {
		store := ws.Store
		switch {
		case verb == "add" && len(rest) == 2:
			cfg := remote.Config{URL: rest[1], Endpoint: *endpoint, Region: *region}
			return addRemote(ctx, store, rest[0], cfg, *scope, stdout, stderr)
		case verb == "list" && len(rest) == 0:
			return listRemotes(ctx, store, *asJSON, stdout, stderr)
		case verb == "remove" && len(rest) == 1:
			if err := store.RemoveRemote(ctx, rest[0]); err != nil {
				return fail(stderr, err)
			}
			fmt.Fprintf(stdout, "Remote %s removed; nothing on it was changed.\n", rest[0])
			return ExitOK
		}
		return fail(stderr, usagef("%s", remoteUsage))
	})
}

func addRemote(ctx context.Context, store *sqlite.DB, name string, cfg remote.Config, scope string, stdout, stderr io.Writer) int {
	if err := cfg.Check(); err != nil {
		return fail(stderr, usageError{err})
	}
	if err := store.AddRemote(ctx, sqlite.RemoteInfo{Name: name, URL: cfg.URL, Endpoint: cfg.Endpoint, Region: cfg.Region, Scope: scope}); err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "Remote %s added: %s (scope %s). Run `loupe sync %s`.\n", name, describe(cfg), scope, name)
	if cfg.Kind() == "s3" {
		fmt.Fprintf(stdout, "The keys are read from %s and %s at each sync; Loupe never stores them.\n", remote.AccessKeyEnv, remote.SecretKeyEnv)
	}
	return ExitOK
}

func listRemotes(ctx context.Context, store *sqlite.DB, asJSON bool, stdout, stderr io.Writer) int {
	rs, err := store.Remotes(ctx)
	if err != nil {
		return fail(stderr, err)
	}
	if asJSON {
		if rs == nil {
			rs = []sqlite.RemoteInfo{}
		}
		return encodeJSON(stdout, stderr, rs)
	}
	if len(rs) == 0 {
		fmt.Fprintln(stdout, "No remote yet: add one with `loupe remote add NAME s3://BUCKET/PREFIX --endpoint URL` or `loupe remote add NAME dir:PATH`.")
		return ExitOK
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tWHERE\tSCOPE\tLAST SYNC")
	for _, r := range rs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Name, describe(remote.Config{URL: r.URL, Endpoint: r.Endpoint, Region: r.Region}), r.Scope, lastSync(r))
	}
	return flushErr(tw, stderr)
}

func describe(c remote.Config) string {
	s := c.URL
	if c.Endpoint != "" {
		s += " at " + c.Endpoint
	}
	if c.Region != "" {
		s += " (" + c.Region + ")"
	}
	return s
}

func lastSync(r sqlite.RemoteInfo) string {
	switch {
	case r.LastTryAt.IsZero():
		return "never"
	case r.LastError != "" && r.LastSyncAt.IsZero():
		return "failed " + r.LastTryAt.Local().Format("2006-01-02 15:04")
	case r.LastError != "":
		return r.LastSyncAt.Local().Format("2006-01-02 15:04") + " (last try failed)"
	}
	return r.LastSyncAt.Local().Format("2006-01-02 15:04")
}

func encodeJSON(stdout, stderr io.Writer, v any) int {
	if err := json.NewEncoder(stdout).Encode(v); err != nil {
		return fail(stderr, err)
	}
	return ExitOK
}

func flushErr(tw *tabwriter.Writer, stderr io.Writer) int {
	if err := tw.Flush(); err != nil {
		return fail(stderr, err)
	}
	return ExitOK
}
