//! Size and speed figures: `cargo bench -p waypoint-store --bench sessions`.
//! A bench target (not a test) so the test step never spends its minutes here.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Instant;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let sessions: Vec<_> = (0..1000).map(|n| common::session(n, 20)).collect();
    let t = Instant::now();
    {
        let store = common::open(dir.path());
        for s in &sessions {
            store.save_session(s).unwrap();
        }
    } // close checkpoints the WAL, so the main file holds everything
    let save = t.elapsed();
    let size = std::fs::metadata(dir.path().join(waypoint_store::DB_FILE))
        .unwrap()
        .len();

    let t = Instant::now();
    let store = common::open(dir.path());
    let open = t.elapsed();

    let t = Instant::now();
    let list = store.list_sessions().unwrap();
    let list_time = t.elapsed();
    assert_eq!(list.len(), 1000);

    let id = &sessions[500].id;
    let t = Instant::now();
    let one = store.get_session(id).unwrap();
    let get_time = t.elapsed();
    assert_eq!(one, sessions[500]);
    let rows: usize = one.careers.iter().map(|c| c.rows.len()).sum();
    assert_eq!(rows, 120);

    let t = Instant::now();
    for s in sessions.iter().step_by(10) {
        store.get_session(&s.id).unwrap();
    }
    let get_avg = t.elapsed() / 100;

    println!("1,000 sessions x 6 tabs x 20 careers:");
    println!(
        "  database size:        {:.2} MiB ({size} bytes)",
        size as f64 / 1048576.0
    );
    println!("  save all (1 tx each): {save:?}");
    println!("  open store:           {open:?}");
    println!("  list sessions:        {list_time:?}");
    println!("  open one (first):     {get_time:?}");
    println!("  open one (avg of 100): {get_avg:?}");
}
