package inspection

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestCartonsToOpen(t *testing.T) {
	for _, c := range []struct {
		name          string
		cartons, want int
	}{
		{"no cartons entered", 0, 0},
		{"negative is none", -4, 0},
		{"fewer than the minimum: all of them", 2, 2},
		{"exactly the minimum", 3, 3},
		{"√5 rounds up to 3", 5, 3},
		{"√9 is 3", 9, 3},
		{"√10 rounds up to 4", 10, 4},
		{"√100 is 10", 100, 10},
		{"√101 rounds up to 11", 101, 11},
		{"√534 rounds up to 24", 534, 24},
	} {
		if got := CartonsToOpen(c.cartons); got != c.want {
			t.Errorf("%s: CartonsToOpen(%d) = %d, want %d", c.name, c.cartons, got, c.want)
		}
	}
}

func TestPickCartons(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, c := range []struct{ cartons, n, want int }{{534, 24, 24}, {5, 9, 5}, {10, 0, 0}, {0, 3, 0}, {7, -1, 0}} {
		got := PickCartons(c.cartons, c.n, r)
		if len(got) != c.want || !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
			t.Errorf("PickCartons(%d, %d) = %v, want %d distinct sorted numbers", c.cartons, c.n, got, c.want)
		}
		for _, n := range got {
			if n < 1 || n > c.cartons {
				t.Errorf("PickCartons(%d, %d) drew carton %d", c.cartons, c.n, n)
			}
		}
	}
}
