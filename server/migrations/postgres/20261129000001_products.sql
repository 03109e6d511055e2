-- The shop's catalogue. Prices are tax-included yen (総額表示).
CREATE TABLE products (
    sku       TEXT    PRIMARY KEY NOT NULL,
    name      TEXT    NOT NULL,
    price     BIGINT NOT NULL CHECK (price >= 0),
    tax_rate  BIGINT NOT NULL CHECK (tax_rate IN (8, 10)),
    position  BIGINT NOT NULL DEFAULT 0,
    active    BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
