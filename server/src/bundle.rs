//! The front ends and Japan Post's data carried inside the binary that
//! `cargo xtask dist` builds (the `bundle` feature): a shop installs one
//! file. At start-up each part the configuration names but does not find
//! (the checkout's, the admin's and the widget's folders, the postal data)
//! is taken from the binary instead, written out once under
//! `data/bundle/<build>/` (beside the database's default folder; the
//! systemd unit's state directory), and served from there as a built
//! folder is: each file with its precompressed `.br` and `.gz`. A folder
//! that exists (`ZEROSTEP_CHECKOUT_DIST` and the rest) wins.

use std::path::{Path, PathBuf};

use crate::config::Config;

mod carried {
    include!(concat!(env!("OUT_DIR"), "/bundle.rs"));
}

/// Where the carried files are written out.
const ROOT: &str = "data/bundle";

/// Whether this binary carries the front ends.
pub fn carried() -> bool {
    !carried::FILES.is_empty()
}

/// Points each part `config` names but does not find at the copy carried
/// inside the binary, written out under [`ROOT`] if it is not yet; the
/// parts taken so.
pub fn use_carried(config: &mut Config) -> std::io::Result<Vec<&'static str>> {
    use_carried_from(config, Path::new(ROOT), carried::ID, carried::FILES)
}

fn use_carried_from(
    config: &mut Config,
    root: &Path,
    id: &str,
    files: &[(&'static str, &str, &[u8])],
) -> std::io::Result<Vec<&'static str>> {
    if files.is_empty() {
        return Ok(Vec::new());
    }
    let missing = |dist: &Path| !dist.join("index.html").is_file();
    let mut taken = Vec::new();
    let wanted: [(&'static str, bool); 4] = [
        ("checkout", missing(&config.checkout_dist)),
        ("admin", missing(&config.admin_dist)),
        ("embed", missing(&config.embed_dist)),
        ("postal", !config.postal_data.is_file()),
    ];
    if wanted.iter().all(|(_, missing)| !missing) {
        return Ok(taken);
    }
    let dir = write_out(root, id, files)?;
    for (part, missing) in wanted {
        if !missing {
            continue;
        }
        let folder = dir.join(part);
        match part {
            "checkout" => config.checkout_dist = folder,
            "admin" => config.admin_dist = folder,
            "embed" => config.embed_dist = folder,
            _ => config.postal_data = folder.join("ken_all.tsv"),
        }
        taken.push(part);
    }
    Ok(taken)
}

/// Writes every carried file under `root/<id>/<part>/`, unless a former
/// start did: into a folder of its own first, renamed when whole.
fn write_out(root: &Path, id: &str, files: &[(&str, &str, &[u8])]) -> std::io::Result<PathBuf> {
    let dir = root.join(id);
    if dir.is_dir() {
        return Ok(dir);
    }
    let partial = root.join(format!("{id}.partial-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&partial);
    for (part, name, bytes) in files {
        let file = partial.join(part).join(name);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&file, bytes)?;
    }
    match std::fs::rename(&partial, &dir) {
        Ok(()) => Ok(dir),
        // Another instance wrote it meanwhile.
        Err(_) if dir.is_dir() => {
            let _ = std::fs::remove_dir_all(&partial);
            Ok(dir)
        }
        Err(err) => Err(err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILES: [(&str, &str, &[u8]); 5] = [
        ("checkout", "index.html", b"<p>shop</p>"),
        ("checkout", "index.html.br", b"br"),
        ("admin", "index.html", b"<p>admin</p>"),
        ("embed", "index.html", b"<p>embed</p>"),
        ("postal", "ken_all.tsv", b"1000001\t1\t2\t3\n"),
    ];

    #[test]
    fn parts_not_found_come_from_the_binary_and_folders_that_exist_win() {
        let tmp = tempfile::tempdir().expect("a folder");
        let own = tmp.path().join("own-admin");
        std::fs::create_dir_all(&own).expect("folder");
        std::fs::write(own.join("index.html"), "mine").expect("written");
        let mut config = Config {
            checkout_dist: tmp.path().join("no-such-dist"),
            admin_dist: own.clone(),
            embed_dist: tmp.path().join("no-embed"),
            postal_data: tmp.path().join("no.tsv"),
            ..Config::default()
        };
        let root = tmp.path().join("bundle");
        let taken = use_carried_from(&mut config, &root, "b1", &FILES).expect("written");
        assert_eq!(taken, ["checkout", "embed", "postal"]);
        assert_eq!(config.admin_dist, own, "an existing folder wins");
        assert_eq!(
            std::fs::read(config.checkout_dist.join("index.html.br")).expect("read"),
            b"br"
        );
        assert_eq!(
            std::fs::read_to_string(&config.postal_data).expect("read"),
            "1000001\t1\t2\t3\n"
        );
        // A second start reuses what the first wrote, and leaves nothing partial.
        let mut again = Config {
            checkout_dist: tmp.path().join("no-such-dist"),
            ..Config::default()
        };
        use_carried_from(&mut again, &root, "b1", &FILES).expect("reused");
        let entries: Vec<_> = std::fs::read_dir(&root)
            .expect("root")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(entries, ["b1"]);
    }

    #[test]
    fn a_binary_without_a_bundle_changes_nothing() {
        let mut config = Config::default();
        let before = config.checkout_dist.clone();
        let taken = use_carried_from(&mut config, Path::new("unused"), "", &[]).expect("ok");
        assert!(taken.is_empty());
        assert_eq!(config.checkout_dist, before);
        assert!(!Path::new("unused").exists());
    }
}
