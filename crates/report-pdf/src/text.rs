//! Everything the page says, in English and Spanish, from the shared catalog
//! (`locales/*.json` through `waypoint-locales`), so the PDF and the screen use the same words.

use std::sync::LazyLock;

use waypoint_locales::{self as loc, keys};
use waypoint_profiler::{Area, Fit, Form};

use crate::input::ReportDate;
use crate::Lang;

pub(crate) struct Texts {
    pub subtitle: &'static str,
    pub label: &'static str,
    pub scores_heading: &'static str,
    /// "{max}" is replaced.
    pub scores_scale: &'static str,
    pub code_heading: &'static str,
    pub flat: &'static str,
    pub careers_heading: &'static str,
    /// "{zone}" is replaced.
    pub careers_in_zone: &'static str,
    pub estimate: &'static str,
    pub estimate_note: &'static str,
    pub source_api: &'static str,
    pub col_career: &'static str,
    pub col_code: &'static str,
    pub col_fit: &'static str,
    pub col_outlook: &'static str,
    pub yes: &'static str,
    pub fits: [&'static str; 3],
    /// "{shown}" and "{total}" are replaced.
    pub more_rows: &'static str,
    pub no_rows: &'static str,
    pub no_careers: &'static str,
    pub qr_caption: &'static str,
    pub notice: &'static str,
    pub doc_title: &'static str,
}

fn load(lang: Lang) -> Texts {
    let t = |k| loc::text(lang, k);
    Texts {
        subtitle: t(keys::PDF_SUBTITLE),
        label: t(keys::PDF_LABEL),
        scores_heading: t(keys::PDF_SCORES_HEADING),
        scores_scale: t(keys::PDF_SCORES_SCALE),
        code_heading: t(keys::PDF_CODE_HEADING),
        flat: t(keys::PDF_FLAT),
        careers_heading: t(keys::PDF_CAREERS_HEADING),
        careers_in_zone: t(keys::PDF_CAREERS_IN_ZONE),
        estimate: t(keys::PDF_ESTIMATE),
        estimate_note: t(keys::PDF_ESTIMATE_NOTE),
        source_api: t(keys::PDF_SOURCE_API),
        col_career: t(keys::PDF_COL_CAREER),
        col_code: t(keys::PDF_COL_CODE),
        col_fit: t(keys::PDF_COL_FIT),
        col_outlook: t(keys::PDF_COL_OUTLOOK),
        yes: t(keys::PDF_YES),
        fits: [Fit::Best, Fit::Great, Fit::Good].map(|f| loc::fit_label(lang, f)),
        more_rows: t(keys::PDF_MORE_ROWS),
        no_rows: t(keys::PDF_NO_ROWS),
        no_careers: t(keys::PDF_NO_CAREERS),
        qr_caption: t(keys::PDF_QR_CAPTION),
        notice: t(keys::PDF_NOTICE),
        doc_title: t(keys::PDF_DOC_TITLE),
    }
}

static EN: LazyLock<Texts> = LazyLock::new(|| load(Lang::En));
static ES: LazyLock<Texts> = LazyLock::new(|| load(Lang::Es));

pub(crate) fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::En => &EN,
        Lang::Es => &ES,
    }
}

pub(crate) fn form_name(lang: Lang, form: Form) -> &'static str {
    loc::pdf_form(lang, form)
}

pub(crate) fn fit_name(lang: Lang, fit: Fit) -> &'static str {
    loc::fit_label(lang, fit)
}

pub(crate) fn date(lang: Lang, d: ReportDate) -> String {
    loc::fill(
        loc::text(lang, keys::PDF_DATE),
        &[
            ("month", &loc::month(lang, d.month)),
            ("day", &d.day),
            ("year", &d.year),
        ],
    )
}

pub(crate) fn area_name(lang: Lang, area: Area) -> &'static str {
    loc::area_name(lang, area)
}

pub(crate) fn area_description(lang: Lang, area: Area) -> &'static str {
    loc::area_description(lang, area)
}

/// Title and a one-line summary (education, typical work) of a Job Zone, 1–5.
pub(crate) fn zone_texts(lang: Lang, zone: u8) -> Option<(String, String)> {
    let title = loc::zone_title(lang, zone)?;
    let education = loc::zone_field(lang, zone, "education")?;
    let work = loc::zone_field(lang, zone, "typical_work")?;
    Some((title.to_string(), format!("{education} {work}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_per_language() {
        let d = ReportDate::new(2026, 11, 29).unwrap();
        assert_eq!(date(Lang::En, d), "November 29, 2026");
        assert_eq!(date(Lang::Es, d), "29 de noviembre de 2026");
    }

    #[test]
    fn every_zone_and_area_has_both_languages() {
        for z in 1..=5 {
            for lang in [Lang::En, Lang::Es] {
                let (title, summary) = zone_texts(lang, z).unwrap();
                assert!(
                    title.contains(&z.to_string()) || lang == Lang::En,
                    "{title}"
                );
                assert!(summary.len() > 20);
            }
        }
        assert!(zone_texts(Lang::Es, 6).is_none());
        for a in Area::ALL {
            assert_ne!(area_description(Lang::Es, a), area_description(Lang::En, a));
        }
    }
}
