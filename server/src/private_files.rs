//! Files that hold personal data (the SQLite database, the outbox's mails):
//! folders we create are for their owner only (0700), and so are the files
//! (0600), whatever the process's umask (security review L7). Elsewhere
//! than on Unix, the system's defaults.

use std::io;
use std::path::Path;

/// Creates `dir` and its missing parents, each for its owner only.
pub fn create_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Writes `bytes` to `file`, readable and writable by its owner only.
pub fn write(file: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut out = options.open(file)?;
    out.write_all(bytes)?;
    restrict(file)
}

/// Makes an existing `file` readable and writable by its owner only (one
/// written before, with looser modes); a missing one is left missing.
pub fn restrict(file: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        match std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600)) {
            Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(()),
            other => other,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        Ok(())
    }
}

/// A SQLite database's files: the database, its WAL and its shared memory.
pub fn database_files(file: &Path) -> [std::path::PathBuf; 3] {
    ["", "-wal", "-shm"].map(|side| {
        let mut name = file.as_os_str().to_owned();
        name.push(side);
        std::path::PathBuf::from(name)
    })
}

/// Makes a SQLite database's existing files readable by their owner only.
pub fn restrict_database(file: &Path) -> io::Result<()> {
    database_files(file).iter().try_for_each(|f| restrict(f))
}

/// Creates `file` empty for its owner only if it is missing, else
/// restricts it (a SQLite database: its WAL and shared-memory files take
/// the database file's mode).
pub fn ensure(file: &Path) -> io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(file)?;
    restrict(file)
}
