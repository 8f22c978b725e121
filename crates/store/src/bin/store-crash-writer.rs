//! Test helper for the crash-safety test: records answers as fast as it can
//! and prints `ack <draft> <item> <value>` only after `record_answer` returned,
//! i.e. after the commit. The test SIGKILLs it and checks every ack survived.
//!
//! Usage: store-crash-writer <data-dir>

use std::io::Write;

use std::time::Duration;

use waypoint_store::{Form, Lang, Store, StoreOptions};

fn main() {
    let dir = std::env::args_os()
        .nth(1)
        .expect("usage: store-crash-writer <data-dir>");
    // The test opens a second connection that writes; on a CI machine busy with builds an
    // fsync can stall for seconds, so wait longer than the app would before giving up.
    let opts = StoreOptions {
        busy_timeout: Duration::from_secs(60),
        ..StoreOptions::default()
    };
    let (store, _) = Store::open_with(dir, opts).expect("open store");
    let mut out = std::io::stdout().lock();
    let mut n: u64 = 0;
    loop {
        let draft = store
            .start_draft(Form::Ip60, Lang::En)
            .expect("start draft");
        for item in 0..60u16 {
            let value = (n % 5) as u8 + 1;
            store
                .record_answer(&draft.id, item, value)
                .expect("record answer");
            // Flushed per line: a line in the pipe must mean a committed answer.
            writeln!(out, "ack {} {} {}", draft.id, item, value).expect("stdout");
            out.flush().expect("stdout");
            n += 1;
        }
    }
}
