package inspection

import "github.com/google/uuid"

// ID identifies every record. UUIDv7 is time-ordered, so records created
// offline on many laptops merge without collisions and still sort by age.
type ID = uuid.UUID

// NilID is the zero ID, meaning "none".
var NilID = uuid.Nil

// NewID returns a fresh UUIDv7.
func NewID() ID {
	return uuid.Must(uuid.NewV7())
}

// ParseID parses the textual form of an ID.
func ParseID(s string) (ID, error) {
	id, err := uuid.Parse(s)
	if err != nil {
		return NilID, Errorf(EINVALID, "%q is not an inspection ID (expected a UUID such as 0190c3e2-7b1a-7c00-8000-000000000000)", s)
	}
	return id, nil
}
