//! Link options for the `ingresslab` binary.

fn main() {
    // A position-dependent executable: the loader then has no relocations
    // to apply to the binary's own tables and no pages of them to copy,
    // about a twentieth of a `template` run. Helm's Go binary is built the
    // same way; libraries, heap and stack keep their randomised addresses.
    // A static build (`+crt-static`) decides for itself through the
    // relocation model: forcing `-no-pie` onto a static-pie link gives a
    // binary that crashes before `main`.
    let features = std::env::var("CARGO_CFG_TARGET_FEATURE").unwrap_or_default();
    let static_crt = features.split(',').any(|feature| feature == "crt-static");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") && !static_crt {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
