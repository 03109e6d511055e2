-- The mails not sent yet, found without reading the whole outbox (two mails
-- an order and more): the mailer reads them every 2 s, and the metrics'
-- `zerostep_mail_outbox_unsent` counts them at each scrape.
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
