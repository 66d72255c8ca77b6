package inspection

// Client is the importer or brand that orders the inspection and reads the report.
type Client struct {
	ID      ID     `json:"id"`
	Name    string `json:"name"`
	Contact string `json:"contact,omitempty"`
}

// Supplier is the company that sold the goods. Chinese suppliers carry their
// registered name in Chinese characters as well (NameLocal).
type Supplier struct {
	ID        ID     `json:"id"`
	Name      string `json:"name"`
	NameLocal string `json:"name_local,omitempty"`
	Address   string `json:"address,omitempty"`
}

// Factory is where the goods are made and inspected; one supplier may use several.
type Factory struct {
	ID         ID     `json:"id"`
	SupplierID ID     `json:"supplier_id"`
	Name       string `json:"name"`
	NameLocal  string `json:"name_local,omitempty"`
	Address    string `json:"address,omitempty"`
}

// Product is the item, style or SKU being inspected.
type Product struct {
	ID          ID     `json:"id"`
	ClientID    ID     `json:"client_id"`
	SKU         string `json:"sku"`
	Description string `json:"description"`
	SpecRef     string `json:"spec_ref,omitempty"` // specification document and revision
}

// DisplayName joins the latin and local names the way reports print them:
// "Ningbo Brightway Housewares Co., Ltd. (宁波明途家居用品有限公司)".
func DisplayName(name, local string) string {
	if local == "" || local == name {
		return name
	}
	return name + " (" + local + ")"
}
