// Package inspection is the heart of Loupe: the types an inspector works with
// (inspections, findings, measurements, tests, samples, photos), the rules that
// turn them into a verdict, and the Store interface that keeps them.
//
// It knows nothing of Fyne, PDF or SQL: adapters (app, report, inspection/sqlite)
// depend on it, never the other way round.
package inspection
