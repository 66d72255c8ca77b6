package app

import (
	"fmt"
	"image/color"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection/mail"
	"github.com/loupeqc/loupe/inspection/outbox"
)

var colourSending = color.NRGBA{R: 0x15, G: 0x65, B: 0xc0, A: 0xff}

// outboxCols: state, created, attempts, to, subject.
var outboxCols = columns{90, 130, 90, 260, 0}

// OutboxScreen lists queued report emails with their state and the mail
// server's last answer.
type OutboxScreen struct {
	d        *Desk
	view     fyne.CanvasObject
	list     *widget.List
	status   *widget.Label
	items    []outbox.Item
	selected int
	send     *widget.Button
	retry    *widget.Button
	draft    *widget.Button
}

// ShowOutbox switches to the outbox.
func (d *Desk) ShowOutbox() *OutboxScreen {
	d.flush()
	d.Editor = nil
	o := &OutboxScreen{d: d, selected: -1}
	o.status = widget.NewLabel("")
	o.status.Wrapping = fyne.TextWrapWord
	o.list = widget.NewList(func() int { return len(o.items) }, newOutboxRow, o.updateRow)
	o.list.OnSelected = func(id widget.ListItemID) { o.selected = id; o.enable() }
	o.list.OnUnselected = func(widget.ListItemID) { o.selected = -1; o.enable() }
	back := widget.NewButtonWithIcon("Inspections", theme.NavigateBackIcon(), d.ShowHome)
	o.send = widget.NewButtonWithIcon("Send now", theme.MailSendIcon(), o.sendNow)
	o.send.Importance = widget.HighImportance
	o.retry = widget.NewButtonWithIcon("Retry", theme.ViewRefreshIcon(), o.retrySelected)
	o.draft = widget.NewButtonWithIcon("Open in mail client", theme.MailComposeIcon(), o.draftSelected)
	prefs := widget.NewButtonWithIcon("Mail settings…", theme.SettingsIcon(), func() { d.showSettings() })
	bar := container.NewBorder(nil, nil, container.NewHBox(back, heading("Outbox")), container.NewHBox(prefs, o.retry, o.draft, o.send))
	header := container.New(outboxCols, boldLabel("State"), boldLabel("Queued"), boldLabel("Attempts"), boldLabel("To"), boldLabel("Subject"))
	top := container.NewVBox(bar, o.status, widget.NewSeparator(), header)
	o.view = container.NewBorder(top, nil, nil, nil, o.list)
	o.Reload()
	d.show(o.view)
	d.outbox = o
	return o
}

func newOutboxRow() fyne.CanvasObject {
	answer := widget.NewLabel("")
	answer.Importance = widget.DangerImportance
	answer.Wrapping = fyne.TextWrapWord
	answer.Hide()
	return container.NewVBox(container.New(outboxCols, newBadge(), truncLabel(""), truncLabel(""), truncLabel(""), truncLabel("")), answer)
}

func (o *OutboxScreen) updateRow(id widget.ListItemID, obj fyne.CanvasObject) {
	if id >= len(o.items) {
		return
	}
	it := o.items[id]
	rows := obj.(*fyne.Container).Objects
	cols := rows[0].(*fyne.Container).Objects
	stateBadge(cols[0].(*Badge), it.State)
	cols[1].(*widget.Label).SetText(it.CreatedAt.Local().Format("2006-01-02 15:04"))
	cols[2].(*widget.Label).SetText(fmt.Sprint(it.Attempts))
	cols[3].(*widget.Label).SetText(strings.Join(it.To, ", "))
	cols[4].(*widget.Label).SetText(it.Subject)
	answer := rows[1].(*widget.Label)
	switch {
	case it.State == outbox.Sent:
		answer.Importance = widget.LowImportance
		answer.SetText("Sent " + it.SentAt.Local().Format("2006-01-02 15:04") + ", accepted by the server.")
		answer.Show()
	case it.LastError != "" && it.State == outbox.Queued:
		answer.Importance = widget.WarningImportance
		answer.SetText("Next attempt " + it.NextAttemptAt.Local().Format("15:04") + ". Server said: " + it.LastError)
		answer.Show()
	case it.LastError != "":
		answer.Importance = widget.DangerImportance
		answer.SetText("Server said: " + it.LastError)
		answer.Show()
	default:
		answer.Hide()
	}
	o.list.SetItemHeight(id, obj.MinSize().Height)
}

func stateBadge(b *Badge, s outbox.State) {
	switch s {
	case outbox.Sent:
		b.Set("SENT", colourPass)
	case outbox.Failed:
		b.Set("FAILED", colourFail)
	case outbox.Sending:
		b.Set("SENDING", colourSending)
	default:
		b.Set("QUEUED", colourPending)
	}
}

// Items are what the outbox shows, newest first.
func (o *OutboxScreen) Items() []outbox.Item { return o.items }

// Reload reads the queue again.
func (o *OutboxScreen) Reload() {
	var err error
	o.items, err = o.d.Store.OutboxItems(o.d.ctx())
	if err != nil {
		o.status.SetText("The outbox cannot be read: " + err.Error())
		return
	}
	o.selected = -1
	o.list.UnselectAll()
	o.list.Refresh()
	o.enable()
	o.status.SetText(o.summary())
}

func (o *OutboxScreen) summary() string {
	n := map[outbox.State]int{}
	for _, it := range o.items {
		n[it.State]++
	}
	if len(o.items) == 0 {
		return "The outbox is empty. Export a report (Ctrl+E) and choose \"Send by email…\" to queue it here."
	}
	var parts []string
	for _, st := range []outbox.State{outbox.Queued, outbox.Sending, outbox.Sent, outbox.Failed} {
		if n[st] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[st], st))
		}
	}
	s := strings.Join(parts, ", ") + "."
	if host := smtpSettings(o.d.App).Host; host == "" {
		s += " No mail server is set: enter it in Mail settings…, or open each email in your mail client."
	} else {
		s += " Mail server: " + host + "."
	}
	return s
}

func (o *OutboxScreen) enable() {
	o.retry.Disable()
	o.draft.Disable()
	if o.selected >= 0 && o.selected < len(o.items) {
		o.draft.Enable()
		if o.items[o.selected].State == outbox.Failed {
			o.retry.Enable()
		}
	}
}

// sendNow makes every waiting item due (the inspector just found a
// network: backoff must not hold the report back) and sends.
func (o *OutboxScreen) sendNow() {
	db := o.d.Store
	now := time.Now().UTC()
	for i := range o.items {
		it := &o.items[i]
		if it.State == outbox.Queued && it.NextAttemptAt.After(now) {
			it.NextAttemptAt = now
			if err := db.UpdateItem(o.d.ctx(), it); err != nil {
				o.d.showError(err)
				return
			}
		}
	}
	o.d.sendQueued(true)
}

func (o *OutboxScreen) retrySelected() {
	if o.selected < 0 || o.selected >= len(o.items) {
		return
	}
	db := o.d.Store
	it := o.items[o.selected]
	outbox.Retry(&it, time.Now().UTC())
	if err := db.UpdateItem(o.d.ctx(), &it); err != nil {
		o.d.showError(err)
		return
	}
	o.d.sendQueued(true)
}

func (o *OutboxScreen) draftSelected() {
	if o.selected < 0 || o.selected >= len(o.items) {
		return
	}
	it := o.items[o.selected]
	path, err := mail.WriteDraft(smtpSettings(o.d.App).From, &it, o.d.reportDir())
	if err != nil {
		o.d.showError(err)
		return
	}
	o.d.openPath(path)
}

// sendSoon tries the queue at once when a mail server is set: a report
// queued with the network up should not wait for the next round.
func (d *Desk) sendSoon() {
	if smtpSettings(d.App).Host != "" {
		d.sendQueued(false)
	}
}

var sending atomic.Bool

// sendQueued delivers due items off the UI goroutine. loud shows the
// outcome even when nothing went wrong (the inspector pressed Send now).
func (d *Desk) sendQueued(loud bool) {
	db := d.Store
	if !sending.CompareAndSwap(false, true) {
		return
	}
	s := mail.NewSender(db, smtpSettings(d.App))
	if d.outbox != nil {
		d.outbox.send.Disable()
		d.outbox.status.SetText("Sending…")
	}
	ctx := d.ctx()
	d.background(func() {
		defer sending.Store(false)
		res, err := s.Run(ctx)
		fyne.Do(func() { d.sent(res, err, loud) })
	})
}

func (d *Desk) sent(res outbox.Result, err error, loud bool) {
	if o := d.outbox; o != nil {
		o.send.Enable()
		o.Reload()
	}
	switch {
	case err != nil:
		d.showError(fmt.Errorf("the outbox could not be sent: %w", err))
	case d.outbox != nil && !loud:
		// The outbox on screen already shows each item's state.
	case d.outbox != nil && res.Failed+res.Retrying > 0:
		d.warn("%d sent, %d waiting to retry, %d failed: the server's answer is under each email.", res.Sent, res.Retrying, res.Failed)
	case res.Failed > 0 || res.Retrying > 0:
		d.warn("Outbox: %d sent, %d waiting to retry, %d failed. See File > Outbox for the server's answer.", res.Sent, res.Retrying, res.Failed)
	case res.Sent > 0 || loud:
		d.notify(fmt.Sprintf("Outbox: %d email(s) sent.", res.Sent))
	}
}

// sendPeriodically retries the queue every few minutes while the window is
// open, so reports leave by themselves once the hotel network is up.
func (d *Desk) sendPeriodically(every time.Duration) {
	go func() {
		for range time.Tick(every) {
			fyne.Do(d.sendSoon)
		}
	}()
}
