package inspection

import (
	"math"
	"math/rand/v2"
	"slices"
)

// MinCartonsToOpen is the fewest cartons the usual rule opens.
const MinCartonsToOpen = 3

// CartonsToOpen is the usual carton-picking rule: the square root of the
// cartons in the lot, rounded up, at least MinCartonsToOpen, never more
// than there are. The window proposes it and the report quotes it.
func CartonsToOpen(cartons int) int {
	if cartons <= 0 {
		return 0
	}
	n := max(int(math.Ceil(math.Sqrt(float64(cartons)))), MinCartonsToOpen)
	return min(n, cartons)
}

// PickCartons draws n distinct carton numbers from 1..cartons at random,
// sorted, so the factory cannot steer the inspector to the good ones.
func PickCartons(cartons, n int, r *rand.Rand) []int {
	n = max(min(n, cartons), 0)
	if n == 0 {
		return nil
	}
	picked := r.Perm(cartons)[:n]
	for i := range picked {
		picked[i]++
	}
	slices.Sort(picked)
	return picked
}
