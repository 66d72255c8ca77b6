package pdfinfo

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
)

// The object model: only what the trailer, cross-reference streams and the
// information dictionary use. Numbers are int64 or float64, strings []byte.
type (
	name  string
	dict  map[name]any
	array []any
	ref   struct{ num, gen int64 }
)

// Bounds against hostile files: nesting, string length and the window a
// lexer reads ahead.
const (
	maxDepth     = 64
	maxString    = 1 << 20
	maxToken     = 256
	readAheadLen = 16 << 10
)

// lexer reads PDF tokens from a random-access source, starting anywhere.
type lexer struct {
	src  io.ReaderAt
	size int64
	pos  int64  // offset of the next unread byte
	buf  []byte // bytes from bufAt on
	at   int64
}

func newLexer(src io.ReaderAt, size, pos int64) *lexer {
	return &lexer{src: src, size: size, pos: pos}
}

// peek returns up to n bytes from pos without consuming them; fewer at the
// end of the source.
func (l *lexer) peek(n int) []byte {
	if l.pos < l.at || l.pos+int64(n) > l.at+int64(len(l.buf)) {
		want := max(n, readAheadLen)
		if rest := l.size - l.pos; int64(want) > rest {
			want = int(max(rest, 0))
		}
		l.buf = make([]byte, want)
		got, _ := l.src.ReadAt(l.buf, l.pos)
		l.buf, l.at = l.buf[:got], l.pos
	}
	start := int(l.pos - l.at)
	return l.buf[start:min(start+n, len(l.buf))]
}

func (l *lexer) byte() (byte, bool) {
	b := l.peek(1)
	if len(b) == 0 {
		return 0, false
	}
	l.pos++
	return b[0], true
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool { return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0 }

func isRegular(c byte) bool { return !isSpace(c) && !isDelim(c) }

// skip passes white space and comments.
func (l *lexer) skip() {
	for {
		b := l.peek(1)
		switch {
		case len(b) == 0:
			return
		case isSpace(b[0]):
			l.pos++
		case b[0] == '%':
			for c, ok := l.byte(); ok && c != '\n' && c != '\r'; c, ok = l.byte() {
			}
		default:
			return
		}
	}
}

// word reads a run of regular characters: a keyword or a number.
func (l *lexer) word() string {
	var w []byte
	for b := l.peek(1); len(b) == 1 && isRegular(b[0]) && len(w) < maxToken; b = l.peek(1) {
		w = append(w, b[0])
		l.pos++
	}
	return string(w)
}

// keyword reads the next token and says whether it is kw.
func (l *lexer) keyword(kw string) bool {
	l.skip()
	save := l.pos
	if l.word() == kw {
		return true
	}
	l.pos = save
	return false
}

func (l *lexer) errorf(format string, args ...any) error {
	return fmt.Errorf("at byte %d: %s", l.pos, fmt.Sprintf(format, args...))
}

// object parses one direct object; "n g R" becomes a ref.
func (l *lexer) object(depth int) (any, error) {
	if depth > maxDepth {
		return nil, l.errorf("objects nested more than %d deep", maxDepth)
	}
	l.skip()
	b := l.peek(2)
	if len(b) == 0 {
		return nil, l.errorf("unexpected end of file")
	}
	switch {
	case b[0] == '<' && len(b) == 2 && b[1] == '<':
		l.pos += 2
		return l.dict(depth)
	case b[0] == '<':
		l.pos++
		return l.hexString()
	case b[0] == '(':
		l.pos++
		return l.literalString()
	case b[0] == '[':
		l.pos++
		return l.array(depth)
	case b[0] == '/':
		l.pos++
		return l.name()
	case b[0] == '+' || b[0] == '-' || b[0] == '.' || b[0] >= '0' && b[0] <= '9':
		return l.number()
	}
	switch w := l.word(); w {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	case "":
		return nil, l.errorf("unexpected %q", b[0])
	default:
		return nil, l.errorf("unexpected keyword %q", w)
	}
}

func (l *lexer) dict(depth int) (dict, error) {
	d := dict{}
	for {
		l.skip()
		if b := l.peek(2); len(b) == 2 && b[0] == '>' && b[1] == '>' {
			l.pos += 2
			return d, nil
		}
		k, err := l.object(depth + 1)
		if err != nil {
			return nil, err
		}
		key, ok := k.(name)
		if !ok {
			return nil, l.errorf("dictionary key %v is not a name", k)
		}
		v, err := l.object(depth + 1)
		if err != nil {
			return nil, err
		}
		d[key] = v
	}
}

func (l *lexer) array(depth int) (array, error) {
	var a array
	for {
		l.skip()
		if b := l.peek(1); len(b) == 1 && b[0] == ']' {
			l.pos++
			return a, nil
		}
		v, err := l.object(depth + 1)
		if err != nil {
			return nil, err
		}
		a = append(a, v)
	}
}

func (l *lexer) name() (name, error) {
	w := l.word()
	var out []byte
	for i := 0; i < len(w); i++ {
		if w[i] == '#' && i+2 < len(w) {
			if v, err := strconv.ParseUint(w[i+1:i+3], 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, w[i])
	}
	return name(out), nil
}

// number reads an integer or real, and turns "n g R" into a reference.
func (l *lexer) number() (any, error) {
	w := l.word()
	n, err := strconv.ParseInt(w, 10, 64)
	if err != nil {
		f, ferr := strconv.ParseFloat(w, 64)
		if ferr != nil {
			return nil, l.errorf("%q is not a number", w)
		}
		return f, nil
	}
	save := l.pos
	l.skip()
	if g := l.peek(1); n >= 0 && len(g) == 1 && g[0] >= '0' && g[0] <= '9' {
		gen, gerr := strconv.ParseInt(l.word(), 10, 64)
		if gerr == nil && l.keyword("R") {
			return ref{n, gen}, nil
		}
	}
	l.pos = save
	return n, nil
}

func (l *lexer) hexString() ([]byte, error) {
	var out []byte
	var hi = -1
	for {
		c, ok := l.byte()
		if !ok {
			return nil, l.errorf("hex string not closed")
		}
		var v int
		switch {
		case c == '>':
			if hi >= 0 {
				out = append(out, byte(hi<<4))
			}
			return out, nil
		case isSpace(c):
			continue
		case c >= '0' && c <= '9':
			v = int(c - '0')
		case c >= 'a' && c <= 'f':
			v = int(c-'a') + 10
		case c >= 'A' && c <= 'F':
			v = int(c-'A') + 10
		default:
			return nil, l.errorf("%q in a hex string", c)
		}
		if hi < 0 {
			hi = v
			continue
		}
		if len(out) >= maxString {
			return nil, l.errorf("string longer than %d bytes", maxString)
		}
		out = append(out, byte(hi<<4|v))
		hi = -1
	}
}

// literalString reads a (string) after its opening parenthesis: balanced
// parentheses, backslash escapes, and end-of-line markers read as \n.
func (l *lexer) literalString() ([]byte, error) {
	var out []byte
	nest := 0
	for {
		if len(out) >= maxString {
			return nil, l.errorf("string longer than %d bytes", maxString)
		}
		c, ok := l.byte()
		if !ok {
			return nil, l.errorf("string not closed")
		}
		switch c {
		case '(':
			nest++
		case ')':
			if nest == 0 {
				return out, nil
			}
			nest--
		case '\r':
			if b := l.peek(1); len(b) == 1 && b[0] == '\n' {
				l.pos++
			}
			c = '\n'
		case '\\':
			e, ok := l.byte()
			if !ok {
				return nil, l.errorf("string not closed")
			}
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r', '\n': // a line continuation: no character
				if b := l.peek(1); e == '\r' && len(b) == 1 && b[0] == '\n' {
					l.pos++
				}
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for i := 0; i < 2; i++ {
						b := l.peek(1)
						if len(b) == 0 || b[0] < '0' || b[0] > '7' {
							break
						}
						v = v*8 + int(b[0]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e // \( \) \\ and unknown escapes stand for themselves
				}
			}
		}
		out = append(out, c)
	}
}
