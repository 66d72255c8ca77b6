package inspection

import (
	"errors"
	"fmt"
)

// Error codes let adapters translate failures (exit status, dialog) without
// matching message strings.
const (
	ECONFLICT = "conflict"  // the record changed elsewhere, or the action clashes with its state
	EINTERNAL = "internal"  // a bug or an environment failure
	EINVALID  = "invalid"   // the input is wrong; the message says how
	ENOTFOUND = "not_found" // no such record
	EREADONLY = "read_only" // the inspection is finalized
	ETOONEW   = "too_new"   // the database was written by a newer Loupe
)

// Error is a domain error with a code and a message meant for the user.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Errorf returns a domain error with the given code.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of a domain error anywhere in err's chain,
// EINTERNAL for any other non-nil error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	}
	return EINTERNAL
}
