//! Generated fixtures: small O*NET-shaped release folders and zips. No real O*NET data.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};

pub const OCC_HEADER: &str = "O*NET-SOC Code\tTitle\tDescription";
pub const INT_HEADER: &str =
    "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tData Value\tDate\tDomain Source";
pub const JZ_HEADER: &str = "O*NET-SOC Code\tJob Zone\tDate\tDomain Source";

const NAMES: [&str; 6] = [
    "Realistic",
    "Investigative",
    "Artistic",
    "Social",
    "Enterprising",
    "Conventional",
];

/// One generated occupation.
#[derive(Clone, Debug)]
pub struct Gen {
    pub code: String,
    pub title: String,
    pub zone: u8,
    pub oi: [f32; 6],
    /// High-point area numbers 1–6, 0 = none.
    pub ih: [u8; 3],
}

/// `n` occupations with deterministic pseudo-random profiles.
pub fn occupations(n: usize) -> Vec<Gen> {
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    (0..n)
        .map(|i| {
            let mut oi = [0f32; 6];
            for v in &mut oi {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                *v = 1.0 + (x % 601) as f32 / 100.0;
            }
            // High points: the top areas, the way O*NET lists them (1–3 of them).
            let mut order: Vec<usize> = (0..6).collect();
            order.sort_by(|&a, &b| oi[b].total_cmp(&oi[a]));
            let k = 1 + i % 3;
            let mut ih = [0u8; 3];
            for j in 0..k {
                ih[j] = order[j] as u8 + 1;
            }
            Gen {
                code: format!("{:02}-{:04}.{:02}", 11 + (i % 43), 1000 + i, i % 4),
                title: format!("Generated Occupation {i}"),
                zone: (i % 5) as u8 + 1,
                oi,
                ih,
            }
        })
        .collect()
}

pub fn occupation_data_tsv(occs: &[Gen], extra_unprofiled: usize) -> String {
    let mut s = format!("{OCC_HEADER}\n");
    for o in occs {
        s.push_str(&format!("{}\t{}\tDoes generated work.\n", o.code, o.title));
    }
    for i in 0..extra_unprofiled {
        s.push_str(&format!(
            "99-{:04}.00\tAll Other Generated {i}\tSummary code.\n",
            i
        ));
    }
    s
}

pub fn interests_tsv(occs: &[Gen]) -> String {
    let mut s = format!("{INT_HEADER}\n");
    for o in occs {
        for (k, v) in o.oi.iter().enumerate() {
            s.push_str(&format!(
                "{}\t1.B.1.{}\t{}\tOI\t{:.2}\t11/2023\tMachine Learning\n",
                o.code,
                (b'a' + k as u8) as char,
                NAMES[k],
                v
            ));
        }
        for (j, hp) in o.ih.iter().enumerate() {
            s.push_str(&format!(
                "{}\t1.B.1.{}\t{} Interest High-Point\tIH\t{:.2}\t11/2023\tMachine Learning\n",
                o.code,
                (b'g' + j as u8) as char,
                ["First", "Second", "Third"][j],
                *hp as f32
            ));
        }
    }
    s
}

pub fn job_zones_tsv(occs: &[Gen]) -> String {
    let mut s = format!("{JZ_HEADER}\n");
    for o in occs {
        s.push_str(&format!("{}\t{}\t08/2023\tAnalyst\n", o.code, o.zone));
    }
    s
}

pub fn write_folder(dir: &Path, occ: &str, int: &str, jz: &str) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("Occupation Data.txt"), occ).unwrap();
    std::fs::write(dir.join("Interests.txt"), int).unwrap();
    std::fs::write(dir.join("Job Zones.txt"), jz).unwrap();
    dir.to_path_buf()
}

/// A zip with the files under `prefix` (e.g. "db_29_3_text/"), like O*NET's own zips.
pub fn write_zip(path: &Path, prefix: &str, files: &[(&str, &str)]) -> PathBuf {
    let f = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(f);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in files {
        z.start_file(format!("{prefix}{name}"), opts).unwrap();
        z.write_all(body.as_bytes()).unwrap();
    }
    z.finish().unwrap();
    path.to_path_buf()
}

pub fn good_files(occs: &[Gen]) -> [(String, String); 3] {
    [
        ("Occupation Data.txt".into(), occupation_data_tsv(occs, 3)),
        ("Interests.txt".into(), interests_tsv(occs)),
        ("Job Zones.txt".into(), job_zones_tsv(occs)),
    ]
}
