-- The shop's settings revision: every change to a table the purchase page,
-- pricing or the gateway client read moves it on, through triggers, whichever
-- instance or tool made the change. Each instance keeps the settings in memory
-- and reloads them when the revision it reads is not the one it holds
-- (shop_settings::ShopCache), so a request reads one row instead of a dozen.
CREATE TABLE settings_revision (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    revision BIGINT NOT NULL
);
INSERT INTO settings_revision (id, revision) VALUES (1, 0);
CREATE FUNCTION bump_settings_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE settings_revision SET revision = revision + 1 WHERE id = 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER products_revision AFTER INSERT OR UPDATE OR DELETE ON products
FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_revision();
CREATE TRIGGER payment_methods_revision AFTER INSERT OR UPDATE OR DELETE ON payment_methods
FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_revision();
CREATE TRIGGER delivery_methods_revision AFTER INSERT OR UPDATE OR DELETE ON delivery_methods
FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_revision();
CREATE TRIGGER delivery_method_payments_revision AFTER INSERT OR UPDATE OR DELETE ON delivery_method_payments
FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_revision();
CREATE TRIGGER shipping_fees_revision AFTER INSERT OR UPDATE OR DELETE ON shipping_fees
FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_revision();
CREATE TRIGGER gateway_secrets_revision AFTER INSERT OR UPDATE OR DELETE ON gateway_secrets
FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_revision();
CREATE TRIGGER gateway_settings_revision AFTER INSERT OR UPDATE OR DELETE ON gateway_settings
FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_revision();
