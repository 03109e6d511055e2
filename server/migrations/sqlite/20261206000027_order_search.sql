-- What 受注一覧's search finds a buyer by (issue 22): the name, the name in
-- kana, the e-mail and the phone, normalized as `search::normalize` does
-- (no spaces or hyphens, hiragana as katakana, half-width, lower case), so
-- 「受入 太郎」, 「受入　太郎」 and 「うけいれ」 all find 受入 太郎. Orders
-- written before are filled in at start-up (`store::orders::index_for_search`).
ALTER TABLE orders ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
