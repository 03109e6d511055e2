-- The shop's own texts in English (issue 22, "English all the way"): each
-- optional, NULL where the shop gave none (the shopper who chose English then
-- reads the Japanese). The defaults the shop was seeded with get their
-- English here where they are still as seeded; a fresh shop is seeded with
-- both (`store::shop_settings::seed_defaults`, `store::catalogue::seed_demo`).
ALTER TABLE payment_methods ADD COLUMN name_en TEXT;
ALTER TABLE payment_methods ADD COLUMN notes_en TEXT;
ALTER TABLE payment_methods ADD COLUMN logo_alt_en TEXT;
ALTER TABLE payment_methods ADD COLUMN card_notice_en TEXT;
ALTER TABLE delivery_methods ADD COLUMN name_en TEXT;
ALTER TABLE products ADD COLUMN name_en TEXT;

UPDATE payment_methods SET name_en = 'Credit card'
 WHERE code = 'card' AND name = 'クレジットカード決済';
UPDATE payment_methods SET notes_en = 'Your card is authorized when you place the order and charged when the goods are shipped. Your card issuer may ask you to confirm it is you (3-D Secure).'
 WHERE code = 'card' AND notes = 'ご注文時にカードの与信（仮売上）を行い、商品の発送時に売上が確定します。ご本人確認のため、カード発行会社の本人認証（3Dセキュア）画面が表示される場合があります。';
UPDATE payment_methods SET logo_alt_en = 'Kuroneko Web Collect'
 WHERE code = 'card' AND logo_alt = 'クロネコwebコレクト';
UPDATE payment_methods SET card_notice_en = 'Your card details go straight to Yamato Transport''s payment system, never through our servers.'
 WHERE code = 'card' AND card_notice = 'カード情報は当店のサーバーを経由せず、ヤマト運輸の決済システムへ直接送信されます。';
UPDATE payment_methods SET name_en = 'Bank transfer'
 WHERE code = 'bank_transfer' AND name = '銀行振込';
UPDATE payment_methods SET notes_en = 'Please pay within 7 days into the account given in the order confirmation e-mail. Transfer fees are paid by the customer.'
 WHERE code = 'bank_transfer' AND notes = 'ご注文確認メールに記載の口座へ、7日以内にお振込みください。振込手数料はお客様のご負担となります。';
UPDATE delivery_methods SET name_en = 'Home delivery'
 WHERE code = 'takkyubin' AND name = '宅配便';

UPDATE products SET name_en = 'Shizuoka sencha, deep-steamed, 100 g' WHERE sku = 'SENCHA-100' AND name = '静岡煎茶 深蒸し 100g';
UPDATE products SET name_en = 'Hojicha tea bags, 20 bags' WHERE sku = 'HOJICHA-TB20' AND name = 'ほうじ茶 ティーバッグ 20袋';
UPDATE products SET name_en = 'Yokan sweet bean jelly, 1 bar' WHERE sku = 'YOKAN-01' AND name = '本練り羊羹 1本';
UPDATE products SET name_en = 'Arita porcelain teacup' WHERE sku = 'YUNOMI-ARITA' AND name = '有田焼 湯呑み';
UPDATE products SET name_en = 'Tokoname teapot, 300 ml' WHERE sku = 'KYUSU-TOKONAME' AND name = '常滑焼 急須 300ml';
UPDATE products SET name_en = 'Tenugui cloth, Mount Fuji' WHERE sku = 'TENUGUI-FUJI' AND name = '手ぬぐい 富士山柄';
UPDATE products SET name_en = 'Sencha for businesses, 10 kg (shipping quoted separately)' WHERE sku = 'SENCHA-BULK10' AND name = '業務用 煎茶 10kg（送料別途連絡）';
UPDATE products SET name_en = 'Kutani ware large plate, artist''s piece' WHERE sku = 'KUTANI-OZARA' AND name = '九谷焼 大皿 作家物';
