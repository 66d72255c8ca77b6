package inspection

import (
	"strings"
	"testing"
)

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
		name              string
		expected, scanned string
		want              Result
		why               string
	}{
		{"match", "4006381333931", "4006381333931", Pass, "matches"},
		{"valid but another product", "4006381333931", "036000291452", Fail, "does not match the expected code"},
		{"bad check digit", "4006381333931", "4006381333932", Fail, "check digit"},
		{"nothing expected: the check digit alone", "", "96385074", Pass, "check digit is valid"},
		{"nothing expected, bad check digit", "", "96385075", Fail, "check digit"},
		{"not scanned", "4006381333931", "", Unjudged, "not scanned"},
		{"scanner added a space", "4006381333931", "4006381333931 ", Fail, "digits"},
	}
	for _, tt := range tests {
		got, why := BarcodeResult(tt.expected, tt.scanned)
		if got != tt.want || !strings.Contains(why, tt.why) {
			t.Errorf("%s: BarcodeResult(%q, %q) = %q (%s), want %q saying %q", tt.name, tt.expected, tt.scanned, got, why, tt.want, tt.why)
		}
		if got == Pass && strings.Contains(why, "differ") {
			t.Errorf("%s: a pass says %q", tt.name, why)
		}
	}
}

func TestJudgement(t *testing.T) {
	tests := []struct {
		name string
		test Test
		want Result
	}{
		{"barcode scan overrides a wrong click", Test{Kind: TestBarcode, Observed: "036000291453", Result: Pass}, Fail},
		{"barcode with no expected code passes on its check digit", Test{Kind: TestBarcode, Observed: "96385074", Result: Fail}, Pass},
		{"barcode not scanned keeps the inspector's result", Test{Kind: TestBarcode, Result: NA}, NA},
		{"other tests keep the inspector's result", Test{Kind: TestDrop, Observed: "x", Result: Pending}, Pending},
	}
	for _, tt := range tests {
		if got, _ := tt.test.Judgement(); got != tt.want {
			t.Errorf("%s: Judgement = %q, want %q", tt.name, got, tt.want)
		}
	}
}
