package aql

import (
	"fmt"
	"strconv"
	"strings"
)

// cell is one entry of a master table.
type cell struct {
	arrow          rune // '↓', '↑', '·', or 0 for a plan
	accept, reject int
}

// master is one parsed master table.
type master struct {
	letters []string
	sizes   []int
	cells   [][]cell // [row][AQL column]
}

var masters = map[Severity]*master{
	Normal:    mustParse(table2A),
	Tightened: mustParse(table2B),
	Reduced:   mustParse(table2C),
}

func mustParse(grid string) *master {
	m, err := parseMaster(grid)
	if err != nil {
		panic("aql: master table: " + err.Error())
	}
	return m
}

func parseMaster(grid string) (*master, error) {
	m := &master{}
	for _, line := range strings.Split(strings.TrimSpace(grid), "\n") {
		head, body, ok := strings.Cut(line, "|")
		fields := strings.Fields(head)
		if !ok || len(fields) != 2 || fields[0] == "AQL" {
			continue
		}
		size, err := strconv.Atoi(fields[1])
		if err != nil {
			return nil, fmt.Errorf("row %q: sample size: %w", line, err)
		}
		row, err := parseRow(strings.Fields(body))
		if err != nil {
			return nil, fmt.Errorf("row %s: %w", fields[0], err)
		}
		m.letters = append(m.letters, fields[0])
		m.sizes = append(m.sizes, size)
		m.cells = append(m.cells, row)
	}
	return m, nil
}

func parseRow(fields []string) ([]cell, error) {
	if len(fields) != len(AQLs) {
		return nil, fmt.Errorf("%d cells, want %d", len(fields), len(AQLs))
	}
	row := make([]cell, len(fields))
	for j, f := range fields {
		if a, r, ok := strings.Cut(f, "/"); ok {
			ac, err1 := strconv.Atoi(a)
			re, err2 := strconv.Atoi(r)
			if err1 != nil || err2 != nil || re <= ac {
				return nil, fmt.Errorf("bad plan %q", f)
			}
			row[j] = cell{accept: ac, reject: re}
			continue
		}
		switch r := []rune(f); {
		case len(r) == 1 && (r[0] == '↓' || r[0] == '↑' || r[0] == '·'):
			row[j] = cell{arrow: r[0]}
		default:
			return nil, fmt.Errorf("bad cell %q", f)
		}
	}
	return row, nil
}

func (m *master) row(letter string) int {
	for i, l := range m.letters {
		if l == letter {
			return i
		}
	}
	return -1
}

// resolve follows the arrows from a cell to the plan they point at and
// returns its row. The printed tables have no arrow that leads off their
// edge or round in a circle; a grid that did is refused, not guessed at.
func (m *master) resolve(row, col int) (int, cell, error) {
	for steps := 0; steps < len(m.cells); steps++ {
		c := m.cells[row][col]
		switch c.arrow {
		case 0:
			return row, c, nil
		case '↓':
			row++
		case '↑':
			row--
		default:
			return 0, cell{}, fmt.Errorf("no plan in row %s, AQL %s", m.letters[row], FormatAQL(AQLs[col]))
		}
		if row < 0 || row >= len(m.cells) {
			return 0, cell{}, fmt.Errorf("the arrows at AQL %s lead off the table", FormatAQL(AQLs[col]))
		}
	}
	return 0, cell{}, fmt.Errorf("the arrows at AQL %s go round in a circle", FormatAQL(AQLs[col]))
}

// Plan is one single sampling plan for one AQL. Its JSON form is the
// `loupe aql --json` contract.
type Plan struct {
	LotSize    int      `json:"lot_size"`
	Level      Level    `json:"level"`
	AQL        float64  `json:"aql"`
	Severity   Severity `json:"inspection"`
	CodeLetter string   `json:"code_letter"` // Table 1's letter for the lot
	// PlanCodeLetter is the letter whose plan is used after following the
	// arrows; sample size, accept and reject are that plan's.
	PlanCodeLetter string `json:"plan_code_letter"`
	SampleSize     int    `json:"sample_size"`
	Accept         int    `json:"accept"`
	Reject         int    `json:"reject"`
	// FullInspection: the sample size reaches the lot size, so every unit
	// is inspected (SampleSize is then the lot size).
	FullInspection bool `json:"full_inspection"`
}

// Lookup gives the standard's single sampling plan for a lot, level, AQL
// and severity. AQL 0 means nothing is tolerated: accept 0, reject 1 at the
// code letter's sample size.
func Lookup(lot int, level Level, aql float64, sev Severity) (Plan, error) {
	letter, err := CodeLetter(lot, level)
	if err != nil {
		return Plan{}, err
	}
	m, ok := masters[sev]
	if !ok {
		return Plan{}, fmt.Errorf("unknown inspection severity %q: use normal, tightened or reduced", sev)
	}
	if !ValidAQL(aql) {
		return Plan{}, fmt.Errorf("AQL %v is not a column of ISO 2859-1: use 0 (nothing allowed) or one of %s", aql, joinAQLs())
	}
	p := Plan{LotSize: lot, Level: level, AQL: aql, Severity: sev, CodeLetter: letter}
	row, c := m.row(letter), cell{accept: 0, reject: 1}
	if aql != 0 {
		if row, c, err = m.resolve(row, column(aql)); err != nil {
			return Plan{}, err
		}
	}
	p.PlanCodeLetter, p.SampleSize = m.letters[row], m.sizes[row]
	p.Accept, p.Reject = c.accept, c.reject
	if p.SampleSize >= lot {
		p.SampleSize, p.FullInspection = lot, true
	}
	return p, nil
}
