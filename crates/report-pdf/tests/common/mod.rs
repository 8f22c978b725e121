//! Shared by the integration tests: sample inputs and the poppler tools. The tools are
//! required (Debian: poppler-utils); a missing tool fails the test rather than skipping it.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

use waypoint_profiler::{Answers, Fit, Form, Scores};
use waypoint_report_pdf::{
    CareerRow, CareerSource, CareersBlock, Lang, Paper, ReportDate, ReportInput,
};

/// O*NET's own example answer string: R27 I13 A23 S25 E14 C14, code RSA.
pub const ONET_EXAMPLE: &str = "553421321134342523523523254115342111351145453111231155343444";

pub const CAREERS: &[(&str, &str, Option<Fit>, bool)] = &[
    ("39-5094.00", "Skincare Specialists", Some(Fit::Best), true),
    ("27-2031.00", "Dancers", Some(Fit::Best), false),
    (
        "39-5012.00",
        "Hairdressers, Hairstylists, and Cosmetologists",
        Some(Fit::Great),
        true,
    ),
    ("31-9011.00", "Massage Therapists", Some(Fit::Great), true),
    ("27-2032.00", "Choreographers", Some(Fit::Good), false),
    (
        "29-2057.00",
        "Ophthalmic Medical Technicians",
        Some(Fit::Good),
        true,
    ),
    (
        "49-9097.00",
        "Signal and Track Switch Repairers",
        None,
        false,
    ),
];

pub fn out_dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/report-pdf");
    std::fs::create_dir_all(&d).unwrap();
    d
}

pub fn rows(n: usize) -> Vec<CareerRow> {
    (0..n)
        .map(|i| {
            let (code, title, fit, bright) = CAREERS[i % CAREERS.len()];
            let title = if i < CAREERS.len() {
                title.to_string()
            } else {
                format!("Career number {} ({title})", i + 1)
            };
            CareerRow {
                code: code.to_string(),
                title,
                fit,
                bright_outlook: bright,
            }
        })
        .collect()
}

pub fn sample(lang: Lang, paper: Paper) -> ReportInput {
    let answers = Answers::parse(ONET_EXAMPLE).unwrap();
    ReportInput {
        lang,
        paper,
        date: ReportDate::new(2026, 11, 29).unwrap(),
        form: Form::Ip60,
        label: Some("Spring workshop — Ana".to_string()),
        scores: answers.scores(),
        answers: Some(ONET_EXAMPLE.to_string()),
        zone: Some(3),
        careers: Some(CareersBlock {
            source: CareerSource::Estimate,
            rows: rows(CAREERS.len()),
        }),
        careers_missing_reason: None,
    }
}

pub fn typed_sample(lang: Lang) -> ReportInput {
    ReportInput {
        form: Form::Typed,
        label: None,
        scores: Scores::from_array([8, 31, 12, 19, 30, 35]),
        answers: None,
        zone: None,
        careers: None,
        careers_missing_reason: Some(match lang {
            Lang::En => "There is no internet connection and no occupation pack is installed, so careers could not be matched.".to_string(),
            Lang::Es => "No hay conexión a internet ni paquete de ocupaciones instalado, así que no se pudieron buscar carreras.".to_string(),
        }),
        ..sample(lang, Paper::A4)
    }
}

/// Writes `pdf` as target/report-pdf/{name}.pdf and returns the path.
pub fn save(name: &str, pdf: &[u8]) -> PathBuf {
    let p = out_dir().join(format!("{name}.pdf"));
    std::fs::write(&p, pdf).unwrap();
    p
}

fn tool(name: &str, args: &[&std::ffi::OsStr]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} is needed for this test ({e}); Debian: apt-get install -y poppler-utils")
    });
    assert!(
        out.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `pdftotext -layout`, as a user's copy-paste or a screen reader would see the text.
pub fn pdftotext(name: &str, pdf: &[u8]) -> String {
    let p = save(name, pdf);
    tool(
        "pdftotext",
        &["-layout".as_ref(), p.as_os_str(), "-".as_ref()],
    )
}

/// Collapses all whitespace, so text wrapped over lines can be searched as one string.
pub fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn pdfinfo(name: &str, pdf: &[u8]) -> String {
    let p = save(name, pdf);
    tool("pdfinfo", &[p.as_os_str()])
}

pub fn info_field(info: &str, key: &str) -> String {
    info.lines()
        .find_map(|l| l.strip_prefix(&format!("{key}:")))
        .unwrap_or_else(|| panic!("pdfinfo has no {key}: {info}"))
        .trim()
        .to_string()
}

/// Renders page 1 to target/report-pdf/{name}.png at `dpi` and returns the PNG path.
pub fn png(name: &str, pdf: &[u8], dpi: u32) -> PathBuf {
    let p = save(name, pdf);
    let prefix = out_dir().join(name);
    tool(
        "pdftoppm",
        &[
            "-png".as_ref(),
            "-r".as_ref(),
            dpi.to_string().as_ref(),
            "-singlefile".as_ref(),
            p.as_os_str(),
            prefix.as_os_str(),
        ],
    );
    prefix.with_extension("png")
}

/// Every QR code found in a PNG, decoded.
pub fn decode_qr(png: &std::path::Path) -> Vec<String> {
    let img = image::open(png).unwrap().to_luma8();
    let (w, h) = (img.width() as usize, img.height() as usize);
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| {
        img.get_pixel(x as u32, y as u32)[0]
    });
    prepared
        .detect_grids()
        .into_iter()
        .map(|g| g.decode().expect("QR code decodes").1)
        .collect()
}
