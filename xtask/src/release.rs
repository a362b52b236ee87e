//! The `ingresslab` binary as shipped: a release build, linked statically
//! and position-dependent where the platform allows.
//!
//! A `template` run is a few milliseconds, and on Linux the dynamic loader
//! (mapping libc, libm and libgcc_s, binding their symbols) and the page
//! faults of a larger address space were a third of it. A static,
//! position-dependent glibc executable starts with nothing to load or
//! relocate. Both settings are target flags, and a target flag given
//! without `--target` would reach the proc-macro crates, which cannot be
//! static; so this build names the host triple, which keeps build scripts
//! and proc-macros on their ordinary flags. A plain `cargo build --release`
//! or `cargo install --path crates/cli` gives the same program, dynamically
//! linked.

use std::path::{Path, PathBuf};

use ingresslab_tests::helm_oracle::mask_random_key;

use crate::command::{cargo, project_root, run};

/// The host triple this build links statically for, when it is one whose
/// C library ships static archives (glibc's `libc.a` comes with
/// `libc6-dev`, which any Rust build on Linux already needs).
fn static_triple() -> Option<String> {
    (cfg!(target_os = "linux") && cfg!(target_env = "gnu"))
        .then(|| format!("{}-unknown-linux-gnu", std::env::consts::ARCH))
}

/// What a static, position-dependent build needs of the compiler.
const STATIC_RUSTFLAGS: &str = "-C target-feature=+crt-static -C relocation-model=static";

/// `cargo <args...>` for the CLI, with the static target and its flags when
/// the host has them.
fn cli_cargo(args: &[&str]) -> (std::process::Command, Option<String>) {
    let mut command = cargo();
    command.args(args);
    let triple = static_triple();
    if let Some(triple) = &triple {
        let variable = format!(
            "CARGO_TARGET_{}_RUSTFLAGS",
            triple.to_uppercase().replace('-', "_")
        );
        command
            .args(["--target", triple])
            .env(variable, STATIC_RUSTFLAGS);
    }
    (command, triple)
}

/// Build the shipped binary and give its path.
pub(crate) fn build() -> Result<PathBuf, String> {
    let (mut command, triple) =
        cli_cargo(&["build", "--release", "--locked", "-p", "ingresslab-cli"]);
    run(&mut command)?;
    let target = project_root().join("target");
    let dir = match triple {
        Some(triple) => target.join(triple).join("release"),
        None => target.join("release"),
    };
    Ok(dir.join(format!("ingresslab{}", std::env::consts::EXE_SUFFIX)))
}

/// `cargo xtask install`: the shipped binary into cargo's bin directory.
pub(crate) fn install() -> Result<(), String> {
    let (mut command, _) = cli_cargo(&["install", "--locked", "--path", "crates/cli"]);
    run(&mut command)
}

/// The shipped binary's `template` equals real Helm's on a whole-chart case
/// of each chart revision: the link settings above change how the program
/// starts, and this is where a wrong one would show (a static-pie start
/// with position-dependent code crashes before `main`). The released
/// chart's randomly drawn key is masked as the golden comparison masks it.
pub(crate) fn check(helm: &Path) -> Result<(), String> {
    let binary = build()?;
    let anchors = project_root().join("../shared/anchors");
    for (revision, case) in [("pr2108", "passthrough"), ("released", "grpc-https-edge")] {
        let chart = anchors.join(format!("charts/openshell-{revision}"));
        let values = anchors.join(format!("golden-full/{revision}/{case}.yaml"));
        let template = |program: &Path| {
            let output = std::process::Command::new(program)
                .arg("template")
                .arg("release")
                .arg(&chart)
                .arg("-f")
                .arg(&values)
                .output()
                .map_err(|error| format!("cannot run {}: {error}", program.display()))?;
            if output.status.success() {
                Ok(mask_random_key(&String::from_utf8_lossy(&output.stdout)))
            } else {
                Err(format!(
                    "{} template failed on {revision}/{case} ({}): {}",
                    program.display(),
                    output.status,
                    String::from_utf8_lossy(&output.stderr)
                ))
            }
        };
        if template(&binary)? != template(helm)? {
            return Err(format!(
                "{} template differs from helm template on {revision}/{case}",
                binary.display()
            ));
        }
    }
    println!("xtask: the release binary renders as Helm does");
    Ok(())
}
