-- 支払方法設定 as the guide's procedure has it: an outside payment service is
-- first added to the shop's list (「他社連携」, linked) and then set up from
-- its 「未設定」 button in 「使用決済」 (configured, once 設定する saved it).
-- Methods in use before this are both; a method taken off the list is
-- neither, and switched off, until it is added and set up again.
ALTER TABLE payment_methods ADD COLUMN linked INTEGER NOT NULL DEFAULT 1;
ALTER TABLE payment_methods ADD COLUMN configured INTEGER NOT NULL DEFAULT 1;
