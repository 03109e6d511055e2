//! The server as a host: health, the SPAs and the widget it serves, and
//! what it does with hostile requests.

mod connections;
mod csp_reports;
mod embed;
mod health;
mod hostile;
mod origins;
mod private_files;
mod retention;
mod spa;
