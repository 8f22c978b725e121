//! The measuring half of `cargo xtask bench` (the xtask builds, then runs this):
//!
//! - `machine <out.json>`: date, CPU, RAM, kernel and load average before anything runs.
//! - `measure --app <bin> --floor <bin> --out <json>`: cold start and memory of Waypoint and
//!   of the floor app, under the Xvfb + D-Bus + keyring session the xtask provides.
//! - `report --dir target/bench --criterion target/criterion --app-bin <bin> --floor-bin <bin>
//!   --deb <deb> --out bench/RESULTS.md`: the table, from the JSON files of this run.

mod measure;
mod report;

use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str| -> anyhow::Result<String> {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
            .ok_or_else(|| anyhow::anyhow!("missing {name} <value>"))
    };
    match args.first().map(String::as_str) {
        Some("machine") => {
            let out = PathBuf::from(args.get(1).ok_or_else(|| anyhow::anyhow!("machine <out.json>"))?);
            report::write_machine(&out)
        }
        Some("measure") => measure::run(&measure::Options {
            app: opt("--app")?.into(),
            floor: opt("--floor")?.into(),
            launches: opt("--launches").map_or(Ok(10), |s| s.parse())?,
            idle_secs: opt("--idle-secs").map_or(Ok(10), |s| s.parse())?,
            out: opt("--out")?.into(),
        }),
        // One journey alone, for trying a setting: `--env K=V` (repeatable) reaches the app and
        // the WebKit processes it starts.
        Some("journey") => {
            let env: Vec<(String, String)> = args
                .windows(2)
                .filter(|w| w[0] == "--env")
                .filter_map(|w| w[1].split_once('=').map(|(k, v)| (k.into(), v.into())))
                .collect();
            measure::journey_only(
                &PathBuf::from(opt("--app")?),
                env,
                opt("--idle-secs").map_or(Ok(10), |s| s.parse())?,
            )
        }
        Some("report") => report::run(&report::Options {
            dir: opt("--dir")?.into(),
            criterion: opt("--criterion")?.into(),
            app_bin: opt("--app-bin")?.into(),
            floor_bin: opt("--floor-bin")?.into(),
            deb: opt("--deb").ok().map(PathBuf::from),
            out: opt("--out")?.into(),
            since: opt("--since").map_or(Ok(0), |s| s.parse())?,
        }),
        _ => anyhow::bail!(
            "usage: waypoint-bench machine <out.json> | measure --app <bin> --floor <bin> --out <json> \
             [--launches 10] [--idle-secs 10] | report --dir <dir> --criterion <dir> --app-bin <bin> \
             --floor-bin <bin> [--deb <deb>] [--since <unix s>] --out <md>"
        ),
    }
}
