-- The payment method's name (名称設定) as it was when the order was placed:
-- 受注明細 shows 「クレジットカード決済（名称）」 with it, and a later rename
-- does not rewrite old orders. Empty on orders placed before this column.
ALTER TABLE orders ADD COLUMN payment_name TEXT;
