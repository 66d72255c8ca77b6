package inspection

// CheckGTIN validates a GTIN-8, -12 (UPC-A), -13 (EAN) or -14 code: digits
// only, a known length and a correct GS1 mod-10 check digit.
func CheckGTIN(code string) error {
	switch len(code) {
	case 8, 12, 13, 14:
	default:
		return Errorf(EINVALID, "%q has %d digits: a GTIN has 8, 12, 13 or 14", code, len(code))
	}
	sum := 0
	for i := len(code) - 2; i >= 0; i-- {
		c := code[i]
		if c < '0' || c > '9' {
			return Errorf(EINVALID, "%q contains %q: a GTIN has digits only", code, c)
		}
		d := int(c - '0')
		// Weights alternate 3,1,3,... starting from the digit left of the check digit.
		if (len(code)-2-i)%2 == 0 {
			d *= 3
		}
		sum += d
	}
	last := code[len(code)-1]
	if last < '0' || last > '9' {
		return Errorf(EINVALID, "%q contains %q: a GTIN has digits only", code, last)
	}
	want := (10 - sum%10) % 10
	if int(last-'0') != want {
		return Errorf(EINVALID, "%q has check digit %c, but the digits before it give %d: misprinted or misread barcode", code, last, want)
	}
	return nil
}

// BarcodeResult judges a barcode test: the scanned code must be a valid
// GTIN and, when an expected code is given, equal it. With no expected code
// a valid scan passes on its check digit alone. The reason says why, in the
// words the window and the report both print.
func BarcodeResult(expected, scanned string) (Result, string) {
	switch {
	case scanned == "":
		return Unjudged, "not scanned yet"
	case CheckGTIN(scanned) != nil:
		return Fail, CheckGTIN(scanned).Error()
	case expected == "":
		return Pass, "check digit is valid (no expected code given to compare with)"
	case scanned != expected:
		return Fail, "does not match the expected code: the packaging carries another product's code"
	}
	return Pass, "code matches and check digit is valid"
}

// Judgement is the result of a test as the window and the report show it:
// a scanned barcode is judged by BarcodeResult, whatever was clicked; any
// other test, or a barcode not scanned yet, keeps the inspector's result.
// The reason is empty unless the rule gave one.
func (t Test) Judgement() (Result, string) {
	switch {
	case t.Kind != TestBarcode:
		return t.Result, ""
	case t.Observed == "":
		return t.Result, "not scanned yet"
	}
	return BarcodeResult(t.Expected, t.Observed)
}
