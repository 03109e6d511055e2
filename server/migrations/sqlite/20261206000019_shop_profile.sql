-- 基本設定: the shop-wide choices, one row. カートタイプ decides how the shop
-- and the widget lay out the purchase: 'zero_step' (one page and a modal) or
-- 'three_step' (カゴの中身, STEP1, STEP2, STEP3). The purchase page reads it,
-- so a change moves the settings revision as the other settings do.
CREATE TABLE shop_profile (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    cart_type TEXT NOT NULL DEFAULT 'zero_step' CHECK (cart_type IN ('zero_step', 'three_step')),
    updated_at TEXT NOT NULL
);
CREATE TRIGGER shop_profile_insert_revision AFTER INSERT ON shop_profile
BEGIN UPDATE settings_revision SET revision = revision + 1 WHERE id = 1; END;
CREATE TRIGGER shop_profile_update_revision AFTER UPDATE ON shop_profile
BEGIN UPDATE settings_revision SET revision = revision + 1 WHERE id = 1; END;
CREATE TRIGGER shop_profile_delete_revision AFTER DELETE ON shop_profile
BEGIN UPDATE settings_revision SET revision = revision + 1 WHERE id = 1; END;
