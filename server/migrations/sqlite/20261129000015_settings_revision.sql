-- The shop's settings revision: every change to a table the purchase page,
-- pricing or the gateway client read moves it on, through triggers, whichever
-- instance or tool made the change. Each instance keeps the settings in memory
-- and reloads them when the revision it reads is not the one it holds
-- (shop_settings::ShopCache), so a request reads one row instead of a dozen.
CREATE TABLE settings_revision (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    revision INTEGER NOT NULL
);
INSERT INTO settings_revision (id, revision) VALUES (1, 0);
CREATE TRIGGER products_insert_revision AFTER INSERT ON products
BEGIN UPDATE settings_revision SET revision = revision + 1 WHERE id = 1; END;
CREATE TRIGGER products_update_revision AFTER UPDATE ON products
BEGIN UPDATE settings_revision SET revision = revision + 1 WHERE id = 1; END;
CREATE TRIGGER products_delete_revision AFTER DELETE ON products
BEGIN UPDATE settings_revision SET revision = revision + 1 WHERE id = 1; END;
CREATE TRIGGER payment_methods_insert_revision AFTER INSERT ON payment_methods
BEGIN UPDATE settings_revision SET revision = revision + 1 WHERE id = 1; END;
CREATE TRIGGER payment_methods_update_revision AFTER UPDATE ON payment_methods
BEGIN UPDATE settings_revision SET revision = revision + 1 WHERE id = 1; END;
CREATE TRIGGER payment_methods_delete_revision AFTER DELETE ON payment_methods
BEGIN UPDATE settings_revision SET revision = revision + 1 WHERE id = 1; END;
CREATE TRIGGER delivery_methods_insert_revision AFTER INSERT ON delivery_methods
BEGIN UPDATE settings_revision SET revision = revision + 1 WHERE id = 1; END;
CREATE TRIGGER delivery_methods_update_revision AFTER UPDATE ON delivery_methods
BEGIN UPDATE settings_revision SET revision = revision + 1 WHERE id = 1; END;
CREATE TRIGGER delivery_methods_delete_revision AFTER DELETE ON delivery_methods
BEGIN UPDATE settings_revision SET revision = revision + 1 WHERE id = 1; END;
CREATE TRIGGER delivery_method_payments_insert_revision AFTER INSERT ON delivery_method_payments
BEGIN UPDATE settings_revision SET revision = revision + 1 WHERE id = 1; END;
CREATE TRIGGER delivery_method_payments_update_revision AFTER UPDATE ON delivery_method_payments
BEGIN UPDATE settings_revision SET revision = revision + 1 WHERE id = 1; END;
CREATE TRIGGER delivery_method_payments_delete_revision AFTER DELETE ON delivery_method_payments
BEGIN UPDATE settings_revision SET revision = revision + 1 WHERE id = 1; END;
CREATE TRIGGER shipping_fees_insert_revision AFTER INSERT ON shipping_fees
BEGIN UPDATE settings_revision SET revision = revision + 1 WHERE id = 1; END;
CREATE TRIGGER shipping_fees_update_revision AFTER UPDATE ON shipping_fees
BEGIN UPDATE settings_revision SET revision = revision + 1 WHERE id = 1; END;
CREATE TRIGGER shipping_fees_delete_revision AFTER DELETE ON shipping_fees
BEGIN UPDATE settings_revision SET revision = revision + 1 WHERE id = 1; END;
CREATE TRIGGER gateway_secrets_insert_revision AFTER INSERT ON gateway_secrets
BEGIN UPDATE settings_revision SET revision = revision + 1 WHERE id = 1; END;
CREATE TRIGGER gateway_secrets_update_revision AFTER UPDATE ON gateway_secrets
BEGIN UPDATE settings_revision SET revision = revision + 1 WHERE id = 1; END;
CREATE TRIGGER gateway_secrets_delete_revision AFTER DELETE ON gateway_secrets
BEGIN UPDATE settings_revision SET revision = revision + 1 WHERE id = 1; END;
CREATE TRIGGER gateway_settings_insert_revision AFTER INSERT ON gateway_settings
BEGIN UPDATE settings_revision SET revision = revision + 1 WHERE id = 1; END;
CREATE TRIGGER gateway_settings_update_revision AFTER UPDATE ON gateway_settings
BEGIN UPDATE settings_revision SET revision = revision + 1 WHERE id = 1; END;
CREATE TRIGGER gateway_settings_delete_revision AFTER DELETE ON gateway_settings
BEGIN UPDATE settings_revision SET revision = revision + 1 WHERE id = 1; END;
