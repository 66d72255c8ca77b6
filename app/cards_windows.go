package app

// systemCardRoots are the drives a camera card can be mounted as: every drive
// letter after the system disk. Go suppresses Windows' "no disk in drive"
// prompts, so empty card readers are skipped quietly.
func systemCardRoots() []string {
	var out []string
	for l := 'D'; l <= 'Z'; l++ {
		out = append(out, string(l)+`:\`)
	}
	return out
}
