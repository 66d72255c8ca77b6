package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/photo"
)

// confirmDeleteDraft asks before deleting a draft, saying what it holds.
// Ctrl+N stores a draft at once, so drafts started by mistake need a way
// out; a finalized inspection never has one: it is corrected by a revision.
func (d *Desk) confirmDeleteDraft(id inspection.ID, deleted func()) dialog.Dialog {
	d.flush() // count what the draft holds now, typing included
	dos, err := d.Store.Dossier(d.ctx(), id)
	if err != nil {
		d.showError(err)
		return nil
	}
	in := dos.Inspection
	if in.Status != inspection.Draft {
		d.showError(fmt.Errorf("%s is finalized: finalized inspections are never deleted; correct it with a new revision instead", firstNonEmpty(in.ReportNo, in.ID.String())))
		return nil
	}
	msg := fmt.Sprintf("Delete the draft %s? ", firstNonEmpty(in.ReportNo, "inspection"))
	if held := heldSummary(dos); held != "" {
		msg += "It holds " + held + ", which will be gone. "
	} else {
		msg += "Nothing was entered in it yet. "
	}
	msg += "The audit trail keeps a record of the deletion."
	dlg := dialog.NewConfirm("Delete draft", msg, func(ok bool) {
		// write flushes the draft's pending edits first: saved after the
		// deletion, they would fail or bring rows of it back.
		if ok && d.write(func(ctx context.Context) error { return d.deleteDraft(ctx, id) }) {
			deleted()
		}
	}, d.Window)
	dlg.SetConfirmText("Delete draft")
	dlg.SetConfirmImportance(widget.DangerImportance)
	dlg.Show()
	return dlg
}

// deleteDraft removes a draft with its photos' files (when no other
// inspection uses the same picture); the store refuses finalized ones and
// records the deletion in the audit trail.
func (d *Desk) deleteDraft(ctx context.Context, id inspection.ID) error {
	in, err := d.Store.Inspection(ctx, id)
	if err != nil {
		return err
	}
	if in.Status != inspection.Draft {
		return fmt.Errorf("%s is finalized: finalized inspections are never deleted", firstNonEmpty(in.ReportNo, in.ID.String()))
	}
	photos, err := d.Store.Photos(ctx, id)
	if err != nil {
		return err
	}
	im := &photo.Importer{Store: d.Store, Files: d.Photos}
	for _, p := range photos {
		links, err := d.Store.PhotoLinks(ctx, p.ID)
		if err != nil {
			return err
		}
		for _, l := range links {
			if err := d.Store.UnlinkPhoto(ctx, l); err != nil {
				return err
			}
		}
		if err := im.Delete(ctx, p.ID); err != nil {
			return err
		}
	}
	return d.Store.DeleteInspection(ctx, id)
}

// heldSummary counts what a draft holds, for the delete confirmation:
// "3 defects, 12 photos and 1 signature".
func heldSummary(d *inspection.Dossier) string {
	photos := 0 // the dossier also carries its samples' library photos
	for _, p := range d.Photos {
		if p.InspectionID == d.Inspection.ID {
			photos++
		}
	}
	var parts []string
	for _, c := range []struct {
		n    int
		what string
	}{
		{len(d.Findings), "defect"}, {len(d.Measurements), "measured characteristic"}, {len(d.Tests), "test"},
		{len(d.Checklist), "check"}, {photos, "photo"}, {len(d.Signatures), "signature"},
	} {
		switch {
		case c.n == 1:
			parts = append(parts, "1 "+c.what)
		case c.n > 1:
			parts = append(parts, fmt.Sprintf("%d %ss", c.n, c.what))
		}
	}
	if len(parts) <= 1 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
