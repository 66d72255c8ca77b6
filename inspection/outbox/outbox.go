// Package outbox queues reports for email and sends them when the network
// is there. The queue lives in the database (inspection/sqlite implements
// Queue), so a report queued in the factory leaves from the hotel even after
// the laptop was shut down in between.
package outbox

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// State is where an item stands.
type State string

// States. An item that failed a transient attempt stays queued with
// LastError and NextAttemptAt; failed is final (rejected, or out of attempts).
const (
	Queued  State = "queued"
	Sending State = "sending"
	Sent    State = "sent"
	Failed  State = "failed"
)

// Item is one email waiting to leave.
type Item struct {
	ID            uuid.UUID `json:"id"`
	InspectionID  uuid.UUID `json:"inspection_id"`
	To            []string  `json:"to"`
	Subject       string    `json:"subject"`
	Body          string    `json:"body"`
	Attachments   []string  `json:"attachments"` // file paths, attached under their base name
	State         State     `json:"state"`
	Attempts      int       `json:"attempts"`
	NextAttemptAt time.Time `json:"next_attempt_at"`
	LastError     string    `json:"last_error,omitempty"` // the server's answer, as it gave it
	CreatedAt     time.Time `json:"created_at"`
	SentAt        time.Time `json:"sent_at"`
}

// Queue stores items durably.
type Queue interface {
	Enqueue(ctx context.Context, items ...*Item) error
	OutboxItems(ctx context.Context) ([]Item, error) // every item, newest first
	// Claim marks the queued items due at now as sending, until lease,
	// and returns them. An item left sending by a crash is due again once its lease ends.
	Claim(ctx context.Context, now, lease time.Time) ([]Item, error)
	UpdateItem(ctx context.Context, it *Item) error
}
