package sqlite

import (
	"context"
	"database/sql"

	"github.com/loupeqc/loupe/inspection"
)

// PutClient inserts or replaces a client.
func (db *DB) PutClient(ctx context.Context, c *inspection.Client) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO clients (id, name, contact) VALUES (?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET name = excluded.name, contact = excluded.contact`,
			c.ID.String(), c.Name, c.Contact)
		if err != nil {
			return err
		}
		return reindexWhere(ctx, tx, "client_id", c.ID)
	})
}

// Clients lists clients by name.
func (db *DB) Clients(ctx context.Context) ([]inspection.Client, error) {
	var out []inspection.Client
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, name, contact FROM clients ORDER BY name, id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c inspection.Client
			if err := rows.Scan(&c.ID, &c.Name, &c.Contact); err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// PutSupplier inserts or replaces a supplier.
func (db *DB) PutSupplier(ctx context.Context, s *inspection.Supplier) error {
	if err := s.Validate(); err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO suppliers (id, name, name_local, address) VALUES (?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_local = excluded.name_local,
				address = excluded.address`,
			s.ID.String(), s.Name, s.NameLocal, s.Address)
		if err != nil {
			return err
		}
		return reindexWhere(ctx, tx, "supplier_id", s.ID)
	})
}

// Suppliers lists suppliers by name.
func (db *DB) Suppliers(ctx context.Context) ([]inspection.Supplier, error) {
	var out []inspection.Supplier
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, name, name_local, address FROM suppliers ORDER BY name, id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s inspection.Supplier
			if err := rows.Scan(&s.ID, &s.Name, &s.NameLocal, &s.Address); err != nil {
				return err
			}
			out = append(out, s)
		}
		return rows.Err()
	})
	return out, err
}

// PutFactory inserts or replaces a factory.
func (db *DB) PutFactory(ctx context.Context, f *inspection.Factory) error {
	if err := f.Validate(); err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO factories (id, supplier_id, name, name_local, address) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET supplier_id = excluded.supplier_id, name = excluded.name,
				name_local = excluded.name_local, address = excluded.address`,
			f.ID.String(), ref(f.SupplierID), f.Name, f.NameLocal, f.Address)
		if err != nil {
			return err
		}
		return reindexWhere(ctx, tx, "factory_id", f.ID)
	})
}

// Factories lists the factories of a supplier (NilID: all) by name.
func (db *DB) Factories(ctx context.Context, supplierID inspection.ID) ([]inspection.Factory, error) {
	var out []inspection.Factory
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `
			SELECT id, supplier_id, name, name_local, address FROM factories
			WHERE ?1 IS NULL OR supplier_id = ?1 ORDER BY name, id`, ref(supplierID))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var f inspection.Factory
			if err := rows.Scan(&f.ID, &f.SupplierID, &f.Name, &f.NameLocal, &f.Address); err != nil {
				return err
			}
			out = append(out, f)
		}
		return rows.Err()
	})
	return out, err
}

// PutProduct inserts or replaces a product.
func (db *DB) PutProduct(ctx context.Context, p *inspection.Product) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO products (id, client_id, sku, description, spec_ref) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET client_id = excluded.client_id, sku = excluded.sku,
				description = excluded.description, spec_ref = excluded.spec_ref`,
			p.ID.String(), ref(p.ClientID), p.SKU, p.Description, p.SpecRef)
		if err != nil {
			return err
		}
		return reindexWhere(ctx, tx, "product_id", p.ID)
	})
}

// Products lists products by SKU.
func (db *DB) Products(ctx context.Context) ([]inspection.Product, error) {
	var out []inspection.Product
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, client_id, sku, description, spec_ref FROM products ORDER BY sku, id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p inspection.Product
			if err := rows.Scan(&p.ID, &p.ClientID, &p.SKU, &p.Description, &p.SpecRef); err != nil {
				return err
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	return out, err
}

// party getters used by Dossier; a missing row leaves the zero value.

func getClient(ctx context.Context, tx *sql.Tx, id inspection.ID) (c inspection.Client, err error) {
	err = tx.QueryRowContext(ctx, `SELECT id, name, contact FROM clients WHERE id = ?`, ref(id)).
		Scan(&c.ID, &c.Name, &c.Contact)
	return c, noRows(err)
}

func getSupplier(ctx context.Context, tx *sql.Tx, id inspection.ID) (s inspection.Supplier, err error) {
	err = tx.QueryRowContext(ctx, `SELECT id, name, name_local, address FROM suppliers WHERE id = ?`, ref(id)).
		Scan(&s.ID, &s.Name, &s.NameLocal, &s.Address)
	return s, noRows(err)
}

func getFactory(ctx context.Context, tx *sql.Tx, id inspection.ID) (f inspection.Factory, err error) {
	err = tx.QueryRowContext(ctx, `SELECT id, supplier_id, name, name_local, address FROM factories WHERE id = ?`, ref(id)).
		Scan(&f.ID, &f.SupplierID, &f.Name, &f.NameLocal, &f.Address)
	return f, noRows(err)
}

func getProduct(ctx context.Context, tx *sql.Tx, id inspection.ID) (p inspection.Product, err error) {
	err = tx.QueryRowContext(ctx, `SELECT id, client_id, sku, description, spec_ref FROM products WHERE id = ?`, ref(id)).
		Scan(&p.ID, &p.ClientID, &p.SKU, &p.Description, &p.SpecRef)
	return p, noRows(err)
}

// noRows treats "no such row" as success, for optional references.
func noRows(err error) error {
	if err == sql.ErrNoRows {
		return nil
	}
	return err
}
