package cli

import (
	"flag"
	"io"
	"slices"
	"testing"
)

func TestParseArgs(t *testing.T) {
	cases := []struct {
		name       string
		args       []string
		rest       []string
		data, keep string
		json       bool
		n          int
	}{
		{"flags first", []string{"--data", "D", "a.loupe"}, []string{"a.loupe"}, "D", "", false, 0},
		{"flags last", []string{"a.loupe", "--data", "D"}, []string{"a.loupe"}, "D", "", false, 0},
		{"flags between", []string{"a.jpg", "--json", "b.jpg", "--data=D", "c.jpg"}, []string{"a.jpg", "b.jpg", "c.jpg"}, "D", "", true, 0},
		{"a bool flag does not eat the next argument", []string{"--json", "a.jpg"}, []string{"a.jpg"}, "", "", true, 0},
		{"value flags", []string{"--keep", "local", "--conflict", "3"}, nil, "", "local", false, 3},
		{"single dash", []string{"-data", "D", "x"}, []string{"x"}, "D", "", false, 0},
		{"after -- everything is positional", []string{"a", "--", "--json", "-b"}, []string{"a", "--json", "-b"}, "", "", false, 0},
		{"nothing", nil, nil, "", "", false, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := flag.NewFlagSet("test", flag.ContinueOnError)
			data, keep := fs.String("data", "", ""), fs.String("keep", "", "")
			asJSON, n := fs.Bool("json", false, ""), fs.Int("conflict", 0, "")
			rest, err := parseArgs(fs, c.args)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(rest, c.rest) || *data != c.data || *keep != c.keep || *asJSON != c.json || *n != c.n {
				t.Errorf("rest %q data %q keep %q json %v n %d", rest, *data, *keep, *asJSON, *n)
			}
		})
	}
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.String("data", "", "")
	for _, bad := range [][]string{{"x", "--nope"}, {"--data"}} {
		if _, err := parseArgs(fs, bad); err == nil {
			t.Errorf("parseArgs(%q) accepted it", bad)
		}
	}
}
