//! Link options for the `ingresslab` binary.

fn main() {
    // A position-dependent executable: the loader then has no relocations
    // to apply to the binary's own tables and no pages of them to copy,
    // about a twentieth of a `template` run. Helm's Go binary is built the
    // same way; libraries, heap and stack keep their randomised addresses.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
