-- 基本設定, continued: the shop's own name and the texts of its mails, and
-- when the 配送通知メール goes out. The name heads the shop's pages and every
-- mail's subject and signature; an empty text means the standard wording.
-- shipping_notice: 'on_register' sends the 配送通知メール when a 問い合わせ番号
-- is registered (E01 accepted); 'manual' leaves it to a button on 受注明細.
ALTER TABLE shop_profile ADD COLUMN shop_name TEXT NOT NULL DEFAULT '';
ALTER TABLE shop_profile ADD COLUMN mail_signature TEXT NOT NULL DEFAULT '';
ALTER TABLE shop_profile ADD COLUMN thanks_message TEXT NOT NULL DEFAULT '';
ALTER TABLE shop_profile ADD COLUMN shipping_message TEXT NOT NULL DEFAULT '';
ALTER TABLE shop_profile ADD COLUMN shipping_notice TEXT NOT NULL DEFAULT 'on_register' CHECK (shipping_notice IN ('on_register', 'manual'));
