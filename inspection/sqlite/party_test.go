package sqlite_test

import (
	"reflect"
	"testing"

	"github.com/loupeqc/loupe/inspection"
)

func TestPartiesRoundTrip(t *testing.T) {
	db := open(t)
	f := seed(t, db)

	clients, err := db.Clients(ctx)
	must(t, err)
	if !reflect.DeepEqual(clients, []inspection.Client{f.client}) {
		t.Errorf("Clients = %+v, want %+v", clients, f.client)
	}
	suppliers, err := db.Suppliers(ctx)
	must(t, err)
	if !reflect.DeepEqual(suppliers, []inspection.Supplier{f.supplier}) {
		t.Errorf("Suppliers = %+v, want %+v", suppliers, f.supplier)
	}
	products, err := db.Products(ctx)
	must(t, err)
	if !reflect.DeepEqual(products, []inspection.Product{f.product}) {
		t.Errorf("Products = %+v, want %+v", products, f.product)
	}

	// A factory without a supplier is stored with a NULL reference.
	orphan := inspection.Factory{ID: inspection.NewID(), Name: "Unknown plant"}
	must(t, db.PutFactory(ctx, &orphan))
	for _, tc := range []struct {
		supplier inspection.ID
		want     []inspection.Factory
	}{
		{f.supplier.ID, []inspection.Factory{f.factory}},
		{inspection.NilID, []inspection.Factory{f.factory, orphan}},
	} {
		got, err := db.Factories(ctx, tc.supplier)
		must(t, err)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Factories(%s) = %+v, want %+v", tc.supplier, got, tc.want)
		}
	}

	// Put replaces by ID.
	f.supplier.Address = "No. 8 Jinhai Road"
	must(t, db.PutSupplier(ctx, &f.supplier))
	suppliers, err = db.Suppliers(ctx)
	must(t, err)
	if len(suppliers) != 1 || suppliers[0].Address != "No. 8 Jinhai Road" {
		t.Errorf("after update Suppliers = %+v", suppliers)
	}
}

func TestPutWithoutID(t *testing.T) {
	db := open(t)
	wantCode(t, db.PutClient(ctx, &inspection.Client{Name: "x"}), inspection.EINVALID)
	wantCode(t, db.PutInspection(ctx, &inspection.Inspection{}), inspection.EINVALID)
}

func TestMissingReference(t *testing.T) {
	db := open(t)
	err := db.PutFactory(ctx, &inspection.Factory{ID: inspection.NewID(), SupplierID: inspection.NewID()})
	wantCode(t, err, inspection.EINVALID)
}
