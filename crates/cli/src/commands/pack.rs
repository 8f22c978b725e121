//! `pack import | download | info`: the occupation pack behind offline matching, through the
//! same `Services` use cases the app calls, so both share one implementation.

use std::path::PathBuf;

use crate::progress::Progress;
use crate::{data_dir, key, output, Fail};
use waypoint_services::dto::PackStatus;
use waypoint_services::{OnetSettings, ServiceError, Services};
use waypoint_store::Store;

#[derive(clap::Subcommand)]
pub enum PackCommand {
    /// Import an O*NET database release: its .zip, or a folder with `Occupation Data.txt`,
    /// `Interests.txt` and `Job Zones.txt`. A failed import keeps the previous pack.
    Import {
        /// The release .zip or folder.
        path: PathBuf,
    },
    /// Build the pack from O*NET Database Services (needs the API key).
    Download,
    /// The installed pack: release, source, occupation count, import time.
    Info,
}

/// `Services` over the store in the data folder. It is handed the key with `use_key` (found
/// by `key.rs`, the CLI's one key lookup); the keychain entry it is given is one nothing is
/// ever stored in, so the person's key is read once, and only when a command needs it.
pub(crate) fn services(base: String) -> Result<Services, Fail> {
    let dir = data_dir()?;
    let (store, report) = Store::open(&dir)?;
    if let Some(aside) = report.recovered_from {
        eprintln!(
            "warning: the database in {} was damaged and set aside as {}",
            dir.display(),
            aside.display()
        );
    }
    let keys = waypoint_secrets::KeyStore::new(waypoint_secrets::SERVICE, "waypoint-cli-unused");
    Ok(Services::new(store, keys, OnetSettings::new(base)))
}

pub fn run(cmd: &PackCommand, api_base: Option<&str>, json: bool) -> Result<(), Fail> {
    match cmd {
        PackCommand::Info => {
            let s = services(crate::api_base(None)?)?;
            print_status(&s.pack_status()?, json);
            Ok(())
        }
        PackCommand::Import { path } => {
            let s = services(crate::api_base(None)?)?;
            let mut progress = Progress::stderr();
            let result = s.import_pack(path, &mut |p| progress.update(p));
            progress.finish();
            match result {
                Ok(status) => {
                    print_status(&status, json);
                    Ok(())
                }
                Err(e) => Err(not_installed(&s, Fail::from(e))),
            }
        }
        PackCommand::Download => {
            let base = crate::api_base(api_base)?;
            let lookup = key::api_key();
            let Some(k) = lookup.key.clone() else {
                return Err(lookup.missing());
            };
            let s = services(base)?;
            s.use_key(k);
            let mut progress = Progress::stderr();
            let result = crate::runtime()?.block_on(s.download_pack(&mut |p| progress.update(p)));
            progress.finish();
            match result {
                Ok(status) => {
                    print_status(&status, json);
                    Ok(())
                }
                // Rows O*NET sent that do not make a pack are not the person's input.
                Err(ServiceError::Profiler(e)) => Err(not_installed(
                    &s,
                    Fail::new(4, format!("O*NET's data could not be used: {e}")),
                )),
                Err(e) => Err(not_installed(&s, Fail::from(e))),
            }
        }
    }
}

/// Adds what is installed now: a failed import or download never touches the previous pack.
fn not_installed(s: &Services, fail: Fail) -> Fail {
    let fail = Fail {
        message: format!("the occupation pack was not installed: {}", fail.message),
        ..fail
    };
    match s.pack_status() {
        Ok(p) if p.installed => fail.note(format!(
            "the previous pack is still installed: release {}, {} occupations",
            p.release.unwrap_or_default(),
            p.count
        )),
        Ok(_) => fail.note("no occupation pack is installed"),
        Err(_) => fail,
    }
}

fn print_status(p: &PackStatus, json: bool) {
    if json {
        output::json(p);
        return;
    }
    if !p.installed {
        println!("no occupation pack installed");
        return;
    }
    let rows = vec![
        vec!["Release".into(), p.release.clone().unwrap_or_default()],
        vec!["Source".into(), p.source.clone().unwrap_or_default()],
        vec!["Occupations".into(), p.count.to_string()],
        vec![
            "Imported at".into(),
            p.imported_at.clone().unwrap_or_default(),
        ],
    ];
    for r in rows {
        println!("{:<12} {}", format!("{}:", r[0]), r[1]);
    }
}
