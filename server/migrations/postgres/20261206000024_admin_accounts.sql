-- Admin accounts (security review M4, M6).
--
-- Failed logins, counted per key (auth::throttle): 'addr:<address bucket>',
-- 'login:<login>' (whether or not such an admin exists: the answer is the
-- same) and 'device:<nonce>' (a browser where the login succeeded before:
-- its attempts count there, not against the login, so that a stranger's
-- guesses cannot lock the merchant out of their own browser). A key refuses
-- attempts while it holds its limit within its window; the hourly purge
-- deletes the windows that ended.
CREATE TABLE login_failures (
    key          TEXT PRIMARY KEY NOT NULL,
    failures     BIGINT NOT NULL,
    window_start TEXT NOT NULL                  -- RFC 3339 UTC
);
CREATE INDEX login_failures_by_window ON login_failures (window_start);

-- The account's own counter and lock give way to login_failures.
ALTER TABLE admin_users DROP COLUMN failed_attempts;
ALTER TABLE admin_users DROP COLUMN locked_until;
-- 1 while the password is one the server made (the first admin's, a reset)
-- or another admin chose (a new user's): the admin must choose their own
-- before anything else.
ALTER TABLE admin_users ADD COLUMN must_change_password BIGINT NOT NULL DEFAULT 0;
-- TOTP (RFC 6238: SHA-1, 6 digits, 30 s steps): the secret in base32 once
-- confirmed, the one being set up, and the last step accepted (a code is
-- good once).
ALTER TABLE admin_users ADD COLUMN totp_secret TEXT;
ALTER TABLE admin_users ADD COLUMN totp_pending TEXT;
ALTER TABLE admin_users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;

-- Recovery codes for a login without the authenticator app: SHA-256 of
-- each, deleted when used.
CREATE TABLE admin_recovery_codes (
    user_id   BIGINT NOT NULL REFERENCES admin_users (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    PRIMARY KEY (user_id, code_hash)
);

-- What an admin sees of their sessions, and the idle timeout (a session
-- unused for 15 minutes ends; one from before this migration has ended).
ALTER TABLE admin_sessions ADD COLUMN last_seen_at TEXT NOT NULL DEFAULT '';
ALTER TABLE admin_sessions ADD COLUMN ip TEXT NOT NULL DEFAULT '';
ALTER TABLE admin_sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
CREATE INDEX admin_sessions_by_user ON admin_sessions (user_id);
