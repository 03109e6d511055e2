-- The address a card order came from, for 決済エラー履歴: a declined or failed
-- attempt is not an order, but the merchant sees when, for how much, with
-- which of Yamato's codes, from which e-mail and IP it was tried (and so can
-- spot card testing).
ALTER TABLE orders ADD COLUMN client_ip TEXT;
