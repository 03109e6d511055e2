//! Delivering the outbox through an SMTP relay, with retries.

use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use secrecy::ExposeSecret;

use super::compose::build_message;
use crate::config::{SmtpConfig, SmtpTls};
use crate::store::outbox;

fn transport(smtp: &SmtpConfig) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
    let builder = match smtp.tls {
        SmtpTls::None => {
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(smtp.host.as_str())
        }
        SmtpTls::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host)
            .map_err(|e| e.to_string())?,
        SmtpTls::Tls => {
            AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host).map_err(|e| e.to_string())?
        }
    };
    let builder = builder
        .port(smtp.port)
        .timeout(Some(std::time::Duration::from_secs(20)));
    let builder = match (&smtp.username, &smtp.password) {
        (Some(user), Some(password)) => builder.credentials(Credentials::new(
            user.clone(),
            password.expose_secret().to_owned(),
        )),
        _ => builder,
    };
    Ok(builder.build())
}

/// Sends what the outbox holds unsent through the SMTP relay, oldest first,
/// from the mailbox `sender` gives (asked only when there is mail); stops at
/// the first failure (the rest waits for the next run). Returns how many
/// were sent.
pub async fn deliver_pending<F, Fut>(
    pool: &crate::store::Pool,
    sender: F,
    smtp: &SmtpConfig,
) -> Result<usize, String>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<lettre::message::Mailbox, String>>,
{
    let rows = outbox::unsent(pool, MAX_ATTEMPTS)
        .await
        .map_err(|e| e.to_string())?;
    if rows.is_empty() {
        return Ok(0);
    }
    let from = &sender().await?;
    let mailer = transport(smtp)?;
    let mut sent = 0;
    let mut errors = Vec::new();
    for (id, to, subject, body) in rows {
        let result = match build_message(from.clone(), &to, &subject, &body) {
            Ok(message) => mailer
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| format!("SMTP {}:{}: {e}", smtp.host, smtp.port)),
            Err(e) => Err(e),
        };
        let recorded = match &result {
            Ok(()) => outbox::mark_sent(pool, id).await,
            Err(e) => outbox::mark_failed(pool, id, e).await,
        };
        recorded.map_err(|e| e.to_string())?;
        match result {
            Ok(()) => sent += 1,
            Err(e) => errors.push(format!("message {id}: {e}")),
        }
    }
    if errors.is_empty() {
        Ok(sent)
    } else {
        Err(format!("{sent} sent; {}", errors.join("; ")))
    }
}

/// A message that failed this many times is left for a person to look at.
pub(super) const MAX_ATTEMPTS: i64 = 5;
