//! `cargo xtask fuzz [SECONDS]`: builds the cargo-fuzz targets in `fuzz/` and runs each
//! for SECONDS (default 30) on a copy of its committed seed corpus, failing on the first
//! crash, panic, hang or runaway allocation. Needs the nightly toolchain and cargo-fuzz
//! (`cargo install --locked cargo-fuzz`); a missing one is an error, never a skip.
//! Builds go to `CARGO_FUZZ_TARGET_DIR`, else `fuzz/` inside the workspace's target folder.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{root, sh_env, step, target, Result};

/// Every target in fuzz/Cargo.toml; a test below keeps the two lists equal.
pub const TARGETS: &[&str] = &[
    "answers",
    "typed_scores",
    "release_files",
    "sessions_import",
    "kiosk_config",
    "onet_decode",
];

/// Seconds a run lasts when none are given.
const DEFAULT_SECONDS: u64 = 30;

pub fn fuzz(args: &[String]) -> Result {
    let seconds = match args.first() {
        None => DEFAULT_SECONDS,
        Some(s) => s
            .parse::<u64>()
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| format!("SECONDS must be a whole number above 0, got {s:?}"))?,
    };
    let dir = root().join("fuzz");
    require(
        &["+nightly", "--version"],
        "the nightly toolchain is missing: `rustup toolchain install nightly` (cargo-fuzz needs it)",
    )?;
    require(
        &["+nightly", "fuzz", "--version"],
        "cargo-fuzz is missing: `cargo install --locked cargo-fuzz`",
    )?;
    // Its own folder beside the workspace's: sanitizer flags would rebuild everything there.
    let target_dir = std::env::var_os("CARGO_FUZZ_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| target().join("fuzz"));
    let target_dir = target_dir.to_string_lossy().into_owned();
    step("build the fuzz targets (cargo +nightly fuzz build)", || {
        sh_env(
            &dir,
            "cargo",
            &["+nightly", "fuzz", "build", "--target-dir", &target_dir],
            &[],
        )
    })?;
    // The runs add inputs to their corpus: work on a copy so the committed seeds stay small.
    let scratch = std::env::temp_dir().join(format!("waypoint-fuzz-{}", std::process::id()));
    let result = TARGETS.iter().try_for_each(|t| {
        step(&format!("fuzz {t} for {seconds} s"), || {
            let corpus = scratch.join(t);
            copy_dir(&dir.join("corpus").join(t), &corpus)?;
            let artifacts = dir.join("artifacts").join(t);
            std::fs::create_dir_all(&artifacts).map_err(|e| e.to_string())?;
            sh_env(
                &dir,
                "cargo",
                &[
                    "+nightly",
                    "fuzz",
                    "run",
                    t,
                    &corpus.to_string_lossy(),
                    "--target-dir",
                    &target_dir,
                    "--",
                    &format!("-max_total_time={seconds}"),
                    // A hang is a finding too: no input may take 10 s.
                    "-timeout=10",
                    &format!("-artifact_prefix={}/", artifacts.display()),
                ],
                &[],
            )
            .map_err(|e| {
                format!(
                    "{e}\nthe failing input is in {} (add it to fuzz/corpus/{t} with the fix)",
                    artifacts.display()
                )
            })
        })
    });
    let _ = std::fs::remove_dir_all(&scratch);
    result
}

/// Fails with `hint` unless `cargo ARGS` runs.
fn require(args: &[&str], hint: &str) -> Result {
    let ok = Command::new("cargo")
        .args(args)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if ok {
        Ok(())
    } else {
        Err(hint.to_string())
    }
}

fn copy_dir(from: &Path, to: &Path) -> Result {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for e in entries {
        let e = e.map_err(|e| e.to_string())?;
        std::fs::copy(e.path(), to.join(e.file_name()))
            .map_err(|err| format!("{}: {err}", e.path().display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fuzz_target_is_run_and_has_seeds() {
        let manifest = std::fs::read_to_string(root().join("fuzz/Cargo.toml")).unwrap();
        let mut declared: Vec<&str> = manifest
            .lines()
            .filter_map(|l| l.strip_prefix("name = \""))
            .filter_map(|l| l.strip_suffix('"'))
            .filter(|n| *n != "waypoint-fuzz")
            .collect();
        declared.sort_unstable();
        let mut run = TARGETS.to_vec();
        run.sort_unstable();
        assert_eq!(declared, run);
        for t in TARGETS {
            let seeds = std::fs::read_dir(root().join("fuzz/corpus").join(t))
                .unwrap()
                .count();
            assert!(seeds > 0, "fuzz/corpus/{t} has no seeds");
        }
    }
}
