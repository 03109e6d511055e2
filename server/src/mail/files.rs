//! The `.eml` copy of each outbox row, written by one thread of its own.

use std::path::Path;

use super::compose::MailFiles;

/// Writes the `.eml` copies of committed outbox rows, every one attempted;
/// `Err` lists what failed (a mail that could not be built, a file).
pub async fn write_files(outbox_dir: &Path, written: MailFiles) -> Result<(), String> {
    let MailFiles {
        files,
        mut failures,
    } = written;
    let (done, finished) = tokio::sync::oneshot::channel();
    let job = FileJob {
        dir: outbox_dir.to_owned(),
        files,
        done,
    };
    match file_writer().send(job) {
        Ok(()) => match finished.await {
            Ok(file_failures) => failures.extend(file_failures),
            Err(_) => failures.push("the mail file writer stopped".to_owned()),
        },
        Err(_) => failures.push("the mail file writer stopped".to_owned()),
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("; "))
    }
}

/// `.eml` copies to write into a folder, and where to say what failed.
pub(super) struct FileJob {
    dir: std::path::PathBuf,
    files: Vec<(std::path::PathBuf, Vec<u8>)>,
    done: tokio::sync::oneshot::Sender<Vec<String>>,
}

/// The thread that writes every `.eml` copy of this process, one file after
/// another. Files created at once in one folder contend for the folder's
/// lock: under the order load, blocking tasks writing them concurrently spent
/// a sixth of the server's CPU time spinning on it.
pub(super) fn file_writer() -> &'static std::sync::mpsc::Sender<FileJob> {
    static WRITER: std::sync::OnceLock<std::sync::mpsc::Sender<FileJob>> =
        std::sync::OnceLock::new();
    WRITER.get_or_init(|| {
        let (jobs, queue) = std::sync::mpsc::channel::<FileJob>();
        let spawned = std::thread::Builder::new()
            .name("zerostep-mail-files".to_owned())
            .spawn(move || {
                while let Ok(job) = queue.recv() {
                    let mut failures = Vec::new();
                    if let Err(err) = crate::private_files::create_dir(&job.dir) {
                        failures.push(format!("{}: {err}", job.dir.display()));
                    }
                    for (file, bytes) in job.files {
                        if let Err(err) = crate::private_files::write(&file, &bytes) {
                            failures.push(format!("{}: {err}", file.display()));
                        }
                    }
                    let _ = job.done.send(failures);
                }
            });
        if let Err(err) = spawned {
            // The receiver is gone with the closure: every write reports it.
            tracing::error!(%err, "the mail file writer could not start");
        }
        jobs
    })
}
