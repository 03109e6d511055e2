//! With the `split` feature, the shop's module is linked with its
//! relocations, which the split (`cargo xtask split-wasm`, Trunk's
//! post-build hook) needs to move functions into modules of their own.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    if wasm && std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo:rustc-link-arg-bin=zerostep=--emit-relocs");
    }
}
