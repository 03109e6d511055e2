-- 適用条件 (the amount range in which a payment method is offered) and the
-- show/hide switch of 支払方法画面・サンクスメール注意書き.
ALTER TABLE payment_methods ADD COLUMN min_amount BIGINT CHECK (min_amount >= 0);
ALTER TABLE payment_methods ADD COLUMN max_amount BIGINT CHECK (max_amount >= 0);
ALTER TABLE payment_methods ADD COLUMN show_notes BIGINT NOT NULL DEFAULT 1 CHECK (show_notes IN (0, 1));
