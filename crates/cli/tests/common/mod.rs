//! The real `waypoint-cli` binary with a fresh data folder (`WAYPOINT_DATA_DIR`), an O*NET base
//! URL and an optional key — shared by the CLI's test files.

#![allow(dead_code)]

use std::process::{Command, Output};

pub struct Cli {
    pub data: tempfile::TempDir,
    pub base: String,
    pub key: Option<String>,
    /// Extra environment, e.g. a locale for the report's paper size.
    pub envs: Vec<(&'static str, &'static str)>,
}

impl Cli {
    pub fn new(base: &str, key: Option<&str>) -> Cli {
        Cli {
            data: tempfile::tempdir().unwrap(),
            base: base.into(),
            key: key.map(String::from),
            envs: vec![],
        }
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_waypoint-cli"));
        cmd.args(args)
            .env("WAYPOINT_DATA_DIR", self.data.path())
            .env("WAYPOINT_API_BASE", &self.base)
            .env_remove("ONET_API_KEY")
            // The OS keychain may hold a real key (other tests use it): keep it out of reach.
            .env(
                "DBUS_SESSION_BUS_ADDRESS",
                "unix:path=/nonexistent/waypoint-cli-tests",
            )
            .envs(self.envs.iter().copied());
        if let Some(k) = &self.key {
            cmd.env("ONET_API_KEY", k);
        }
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// On a blocking thread, so an in-process test server keeps serving.
    pub async fn run_async(&self, args: &[&str]) -> Output {
        let mut cmd = self.command(args);
        tokio::task::spawn_blocking(move || cmd.output().unwrap())
            .await
            .unwrap()
    }
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
