package inspection

import "testing"

func TestCheckGTIN(t *testing.T) {
	tests := []struct {
		code string
		ok   bool
	}{
		{"4006381333931", true},   // EAN-13
		{"4006381333932", false},  // wrong check digit
		{"96385074", true},        // GTIN-8
		{"036000291452", true},    // UPC-A
		{"036000291453", false},   //
		{"10614141000415", true},  // GTIN-14
		{"400638133393", false},   // 12 digits, check digit wrong for UPC
		{"40063813339", false},    // 11 digits
		{"40063813339a1", false},  // letter
		{"", false},               //
		{"4006381333931 ", false}, // trailing space from a scanner
	}
	for _, tt := range tests {
		err := CheckGTIN(tt.code)
		if (err == nil) != tt.ok {
			t.Errorf("CheckGTIN(%q) = %v, want ok=%v", tt.code, err, tt.ok)
		}
		if err != nil && ErrorCode(err) != EINVALID {
			t.Errorf("CheckGTIN(%q) code = %s, want %s", tt.code, ErrorCode(err), EINVALID)
		}
	}
}

func TestBarcodeResult(t *testing.T) {
	tests := []struct {
		expected, scanned string
		want              Result
	}{
		{"4006381333931", "4006381333931", Pass},
		{"4006381333931", "036000291452", Fail}, // valid but another product
		{"4006381333931", "4006381333932", Fail},
		{"", "96385074", Pass}, // nothing expected: the check digit alone
		{"4006381333931", "", Unjudged},
	}
	for _, tt := range tests {
		got, why := BarcodeResult(tt.expected, tt.scanned)
		if got != tt.want {
			t.Errorf("BarcodeResult(%q, %q) = %q (%s), want %q", tt.expected, tt.scanned, got, why, tt.want)
		}
		if why == "" {
			t.Errorf("BarcodeResult(%q, %q) gave no reason", tt.expected, tt.scanned)
		}
	}
}
