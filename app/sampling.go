package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/aql"
)

// samplingPanel holds the quantities and the AQL settings, and says the
// plan in words right under the lot size it depends on.
type samplingPanel struct {
	e    *Editor
	view fyne.CanvasObject
	page *page

	LotSize  *widget.Entry
	Plan     *widget.Label
	proposal *widget.Label
	reason   *widget.Entry
	severity *widget.Select
	proposed aql.Proposal
	cartons  *cartonPicker
}

func newSamplingPanel(e *Editor) (*samplingPanel, error) {
	p := &samplingPanel{e: e}
	in := e.in
	p.LotSize = p.intEntry(in.LotSize, func(n int) { in.LotSize = n })
	p.LotSize.SetPlaceHolder("units presented for inspection")
	ordered := p.intEntry(in.QtyOrdered, func(n int) { in.QtyOrdered = n })
	produced := p.floatEntry(in.PctProduced, func(v float64) { in.PctProduced = v })
	packed := p.floatEntry(in.PctPacked, func(v float64) { in.PctPacked = v })
	p.cartons = newCartonPicker(e)
	level := widget.NewSelect(levelNames(), func(s string) { in.Level = aql.Level(s); e.saveInspection() })
	level.Selected = string(in.Level)
	p.severity = widget.NewSelect(severityNames(), func(s string) { in.Severity = aql.Severity(s); p.showOverride(); e.saveInspection() })
	p.severity.Selected = string(in.Severity)
	p.proposal = wrapLabel("")
	p.reason = widget.NewEntry()
	p.reason.SetText(in.SeverityReason)
	p.reason.SetPlaceHolder("Why this severity instead of the proposed one (required when overriding)")
	p.reason.OnChanged = func(s string) { in.SeverityReason = s; e.saveInspection(); p.showOverride() }
	p.Plan = wrapLabel("")
	p.Plan.TextStyle.Bold = true
	quantity := widget.NewForm(
		widget.NewFormItem("Quantity ordered", ordered),
		widget.NewFormItem("% produced", produced),
		widget.NewFormItem("% packed", packed),
	)
	sampling := widget.NewForm(
		widget.NewFormItem("Lot size (units)", p.LotSize),
		widget.NewFormItem("Inspection level", level),
		widget.NewFormItem("Severity", p.severity),
		widget.NewFormItem("Severity reason", p.reason),
		widget.NewFormItem("AQL critical", p.aqlSelect(&in.AQLCritical)),
		widget.NewFormItem("AQL major", p.aqlSelect(&in.AQLMajor)),
		widget.NewFormItem("AQL minor", p.aqlSelect(&in.AQLMinor)),
	)
	p.propose()
	body := container.NewVBox(
		heading("Sampling plan (ISO 2859-1)"), widget.NewCard("", "", p.Plan), sampling, p.proposal,
		widget.NewSeparator(),
		heading("Quantity"), quantity, sectionBox(e, inspection.SectionQuantity),
		widget.NewSeparator(),
		heading("Cartons opened"), p.cartons.view,
	)
	p.page = newPage(body, formWidth)
	p.view = p.page.view
	e.lock(p.view)
	return p, nil
}

func (p *samplingPanel) intEntry(v int, set func(int)) *widget.Entry {
	w := widget.NewEntry()
	w.SetText(itoa(v))
	w.OnChanged = func(s string) {
		n, ok := parseInt(s)
		if !ok && s != "" {
			return
		}
		set(n)
		p.e.saveInspection()
	}
	return w
}

func (p *samplingPanel) floatEntry(v float64, set func(float64)) *widget.Entry {
	w := widget.NewEntry()
	if v != 0 {
		w.SetText(ftoa(v))
	}
	w.OnChanged = func(s string) {
		f, ok := parseFloat(s)
		if !ok && s != "" {
			return
		}
		set(f)
		p.e.saveInspection()
	}
	return w
}

func (p *samplingPanel) aqlSelect(field *float64) *widget.Select {
	opts := []string{"0"}
	for _, a := range aql.AQLs {
		opts = append(opts, aql.FormatAQL(a))
	}
	s := widget.NewSelect(opts, nil)
	s.Selected = aql.FormatAQL(*field)
	if *field == 0 {
		s.Selected = "0"
	}
	s.OnChanged = func(v string) {
		a, err := aql.ParseAQL(v)
		if err != nil {
			p.e.d.showError(err)
			return
		}
		*field = a
		p.e.saveInspection()
		rememberAQLs(p.e.d.App, p.e.in)
	}
	return s
}

// propose asks the switching rules what the supplier's history calls for.
func (p *samplingPanel) propose() {
	in := p.e.in
	if in.SupplierID == inspection.NilID || in.ProductID == inspection.NilID {
		p.proposal.SetText("Choose the supplier and product in the header: the switching rules then propose normal, tightened or reduced inspection from their history.")
		return
	}
	prop, err := inspection.ProposeSeverity(p.e.d.ctx(), p.e.d.Store, in.SupplierID, in.ProductID)
	if err != nil {
		p.proposal.SetText("Switching rules unavailable: " + err.Error())
		return
	}
	p.proposed = prop
	if in.Status == inspection.Draft && in.Severity != prop.Severity && in.SeverityReason == "" {
		// A draft follows the supplier's history until the inspector
		// overrides it with a reason.
		in.ApplyProposal(prop)
		p.severity.SetSelected(string(in.Severity)) // saves through OnChanged
	}
	text := fmt.Sprintf("Switching rules propose %s inspection. %s", prop.Severity, prop.Reason)
	if prop.Discontinue {
		text += " Acceptance is discontinued for this supplier until corrective action is taken."
	}
	p.proposal.SetText(text)
	p.showOverride()
}

// showOverride asks for a reason only when the inspector departs from the
// proposal, and shows the entry as invalid until one is given: finalizing
// refuses the inspection without it.
func (p *samplingPanel) showOverride() {
	in := p.e.in
	if err := in.CheckSeverity(p.proposed); err != nil || (p.proposed.Severity != "" && in.Severity != p.proposed.Severity) {
		p.reason.SetPlaceHolder(fmt.Sprintf("Required: the rules propose %s; say why you use %s", p.proposed.Severity, in.Severity))
	} else {
		p.reason.SetPlaceHolder("Only when you depart from the proposed severity")
	}
	p.reason.Validator = func(string) error { return in.CheckSeverity(p.proposed) }
	p.reason.Validate()
}

// showPlan says the plan, or what is missing for one. Before a lot size is
// typed nothing is wrong yet: it asks for one instead of showing the error
// a lot of 0 units gets.
func (p *samplingPanel) showPlan(o inspection.Outcome) {
	switch {
	case o.PlanErr != nil && p.e.in.LotSize == 0:
		p.Plan.SetText("Enter the lot size: the sampling plan appears here in words.")
	case o.PlanErr != nil:
		p.Plan.SetText(o.PlanErr.Error())
	default:
		p.Plan.SetText(o.Plan.Words())
	}
	p.cartons.update()
}

func levelNames() []string {
	out := make([]string, len(aql.Levels))
	for i, l := range aql.Levels {
		out[i] = string(l)
	}
	return out
}

func severityNames() []string {
	out := make([]string, len(aql.Severities))
	for i, s := range aql.Severities {
		out[i] = string(s)
	}
	return out
}
