//! `waypoint-onet-testserver --port 8787 --key test-key`: runs the fake on
//! 127.0.0.1 until interrupted, for the desktop app's end-to-end tests.

use clap::Parser;
use waypoint_onet_testserver::{ServerConfig, TestServer};

#[derive(Parser)]
#[command(
    version,
    about = "Loopback fake of the O*NET Web Services API v2 (synthetic data)"
)]
struct Args {
    /// Port on 127.0.0.1; 0 lets the OS choose.
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// The only X-API-Key the server accepts.
    #[arg(long, env = "WAYPOINT_TESTSERVER_KEY", default_value = "test-key")]
    key: String,
    /// Most rows per page, whatever `end` asks for.
    #[arg(long, default_value_t = 2000)]
    page_cap: usize,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let server = TestServer::start_with(ServerConfig {
        key: args.key,
        port: args.port,
        page_cap: args.page_cap,
    })
    .await?;
    // The first stdout line is the base URL, so a parent process can read it.
    println!("{}", server.base_url());
    eprintln!(
        "admin: POST {0}__admin/faults, GET {0}__admin/requests; Ctrl-C stops",
        server.base_url()
    );
    tokio::signal::ctrl_c().await?;
    Ok(())
}
