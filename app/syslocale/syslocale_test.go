package syslocale

import (
	"os"
	"testing"
)

func TestTidy(t *testing.T) {
	cases := []struct{ lcAll, lang, wantAll, wantLang string }{
		{"", "C.UTF-8", "", "C"},
		{"", "POSIX.utf8", "", "POSIX"},
		{"", "zh_CN.UTF-8", "", "zh_CN.UTF-8"},
		{"C.UTF-8", "de_DE.UTF-8", "C", "de_DE.UTF-8"}, // LC_ALL wins; LANG is not read
		{"", "", "", ""},
	}
	for _, c := range cases {
		t.Setenv("LC_ALL", c.lcAll)
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", c.lang)
		tidy()
		if os.Getenv("LC_ALL") != c.wantAll || os.Getenv("LANG") != c.wantLang {
			t.Errorf("LC_ALL=%q LANG=%q → %q %q; want %q %q", c.lcAll, c.lang, os.Getenv("LC_ALL"), os.Getenv("LANG"), c.wantAll, c.wantLang)
		}
	}
}
