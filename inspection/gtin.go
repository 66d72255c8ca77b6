package inspection

import "fmt"

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

// BarcodeResult judges a barcode test: the scanned code must equal the
// expected one and be a valid GTIN. The reason says what is wrong.
func BarcodeResult(expected, scanned string) (Result, string) {
	if scanned == "" {
		return Unjudged, "not scanned yet"
	}
	if err := CheckGTIN(scanned); err != nil {
		return Fail, err.Error()
	}
	if expected != "" && scanned != expected {
		return Fail, fmt.Sprintf("scanned %s, expected %s", scanned, expected)
	}
	return Pass, "code matches and check digit is valid"
}
