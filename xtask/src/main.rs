//! `cargo xtask`: the only entry points a person needs.
//!
//! - `setup`: installs what is missing (wasm target, Trunk, wasm-bindgen-cli,
//!   npm packages, Chromium), idempotently, saying what it does.
//! - `run`: builds both SPAs and serves the shop, admin and sandbox locally.
//! - `test`: every test layer, ending with one `N passed, N failed` line.
//! - `dist`: one deployable binary with the front ends inside, packed.
//! - `bench`: every performance figure (bundle sizes, Lighthouse, interaction,
//!   HTTP load, bulk re-authorization), written to BENCHMARKS.md.
//! - `fuzz`: the cargo-fuzz targets, each for a bounded time.
//! - `lint`: rustfmt and clippy, native and wasm32.
//! - `size`: where the bytes of a built wasm module go, by crate and module.
//! - `split-wasm`: Trunk's post-build hook that loads parts of the shop's
//!   module on demand.
//! - `short-imports`: Trunk's post-build hook that gives a module's imports
//!   from its glue short names.

mod bench;
mod dist;
mod fuzz;
mod imports;
mod minify;
mod postgres;
mod run;
mod setup;
mod split;
mod test;
mod util;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  setup [--no-browser]   install what is missing (idempotent)
  run [--port N] [--sandbox-port N]
                         build both SPAs and serve shop, admin and sandbox (Ctrl-C stops)
  test [--skip LAYER]... every test layer: lint, native, postgres, fuzz, wasm, e2e
  bench                  performance figures against their budgets, into BENCHMARKS.md
  dist                   one deployable zerostep-server (front ends inside), an example
                         zerostep.toml and a systemd unit, in target/dist/
  fuzz [--secs N] [TARGET]...
                         fuzz the parsers for N seconds each (default 120)
  lint                   rustfmt --check and clippy -D warnings (native and wasm32)
  size [BIN] [--floor APP] [--rows N] [--largest N] [--tsv]
                         where a built wasm's bytes go, by crate and our modules, beside
                         a floor app's (BIN: zerostep, zerostep-embed, zerostep-admin;
                         APP: leptos, fetch, router, stack), and its largest functions;
                         --tsv: every function, bytes, group and name, to compare builds
  split-wasm BIN         Trunk's post-build hook (Trunk.toml): splits BIN's module into
                         the parts loaded on demand
  short-imports [--entry FILE]
                         Trunk's post-build hook (Trunk.toml): short names for the
                         module's imports from its wasm-bindgen glue, its scripts
                         and stylesheets minified (and FILE into embed.js)";

fn main() -> ExitCode {
    if let Err(err) = std::env::set_current_dir(util::project_root()) {
        eprintln!("xtask: cannot enter the project root: {err}");
        return ExitCode::FAILURE;
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or_default();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::setup(setup::Options::from_args(rest)).map(|()| ExitCode::SUCCESS),
        Some("run") => run::run(rest),
        Some("test") => test::run(rest),
        Some("bench") => bench::run(),
        Some("dist") => dist::run(),
        Some("fuzz") => fuzz::run(rest),
        Some("lint") => test::lint_only(),
        Some("size") => bench::size(rest),
        Some("split-wasm") => split::run(rest),
        Some("short-imports") => imports::run(rest),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("xtask: error: {err}");
            ExitCode::FAILURE
        }
    }
}
