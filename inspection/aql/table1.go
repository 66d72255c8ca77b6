package aql

import (
	"fmt"
	"math"
)

// lotUpper holds the upper bound of each lot-size row of Table 1
// (2–8, 9–15, …, 500 001 and over).
var lotUpper = []int{8, 15, 25, 50, 90, 150, 280, 500, 1200, 3200, 10000, 35000, 150000, 500000, math.MaxInt}

// table1 is Table 1 (sample size code letters), one column per level: the
// i-th letter belongs to the i-th lot-size row.
var table1 = map[Level]string{
	LevelS1:  "AAAABBBBCCCCDDD",
	LevelS2:  "AAABBBCCCDDDEEE",
	LevelS3:  "AABBCCDDEEFFGGH",
	LevelS4:  "AABCCDEEFGGHJJK",
	LevelI:   "AABCCDEFGHJKLMN",
	LevelII:  "ABCDEFGHJKLMNPQ",
	LevelIII: "BCDEFGHJKLMNPQR",
}

// MinLot is the smallest lot Table 1 covers.
const MinLot = 2

// MaxLot bounds what Loupe accepts as a lot size: well above any container,
// low enough that a mistyped number is caught rather than sampled.
const MaxLot = 100_000_000

// CodeLetter returns Table 1's sample size code letter for a lot.
func CodeLetter(lot int, level Level) (string, error) {
	letters, ok := table1[level]
	if !ok {
		return "", fmt.Errorf("unknown inspection level %q: use one of %s", level, joinLevels())
	}
	if err := checkLot(lot); err != nil {
		return "", err
	}
	for i, upper := range lotUpper {
		if lot <= upper {
			return letters[i : i+1], nil
		}
	}
	panic("unreachable: the last row of Table 1 is unbounded")
}

func checkLot(lot int) error {
	switch {
	case lot < MinLot:
		return fmt.Errorf("lot size %d is too small: ISO 2859-1 starts at %d units; enter the number of units presented for inspection", lot, MinLot)
	case lot > MaxLot:
		return fmt.Errorf("lot size %d is beyond %d units: check the number (a typing slip?) or split the lot", lot, MaxLot)
	}
	return nil
}
