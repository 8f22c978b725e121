//! What a report is made from. Plain data, so the app can fill it from its own state.

use serde::{Deserialize, Serialize};
use waypoint_profiler::{Answers, Fit, Form, Lang, Scores};

use crate::error::ReportError;

/// Paper size of the single page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    /// 210 × 297 mm.
    A4,
    /// 8.5 × 11 in.
    Letter,
}

/// Regions where Letter is the usual paper (the rest of the world uses A4).
const LETTER_REGIONS: &[&str] = &[
    "US", "CA", "MX", "PH", "CL", "CO", "CR", "GT", "PA", "PR", "SV", "VE", "DO", "NI", "BZ",
];

impl Paper {
    /// The usual paper for a BCP 47 / POSIX locale such as `en-US`, `es_MX.UTF-8` or
    /// `fr-CA`: Letter in the Americas' Letter countries and the Philippines, A4
    /// elsewhere and when the locale names no region.
    pub fn for_locale(locale: &str) -> Paper {
        // Drop encoding and modifier ("es_MX.UTF-8@euro"), then look at the subtags
        // after the language; the region is the 2-letter one (a script is 4 letters).
        let core = locale.split(['.', '@']).next().unwrap_or("");
        let region = core
            .split(['-', '_'])
            .skip(1)
            .find(|t| t.len() == 2 && t.chars().all(|c| c.is_ascii_alphabetic()));
        region.map_or(Paper::A4, Paper::for_region)
    }

    /// The usual paper for a two-letter region code (`US`, `gb`).
    pub fn for_region(region: &str) -> Paper {
        if LETTER_REGIONS
            .iter()
            .any(|l| l.eq_ignore_ascii_case(region))
        {
            Paper::Letter
        } else {
            Paper::A4
        }
    }

    /// Width and height in PDF points (1/72 in).
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.276, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

/// A calendar date, formatted on the page per language ("November 29, 2026",
/// "29 de noviembre de 2026"). The caller decides which day it is: no clock is read here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReportDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl ReportDate {
    pub fn new(year: u16, month: u8, day: u8) -> Result<ReportDate, ReportError> {
        let d = ReportDate { year, month, day };
        d.check()?;
        Ok(d)
    }

    fn check(&self) -> Result<(), ReportError> {
        let y = self.year;
        let leap = y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400));
        let days = match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 0,
        };
        if !(1000..=9999).contains(&self.year) || self.day == 0 || self.day > days {
            return Err(ReportError::invalid(format!(
                "{:04}-{:02}-{:02} is not a date",
                self.year, self.month, self.day
            )));
        }
        Ok(())
    }
}

/// Where the career list came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CareerSource {
    /// O*NET Web Services' matching careers.
    Api,
    /// Waypoint's offline matcher; the page says so.
    Estimate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CareerRow {
    /// O*NET-SOC code, e.g. `27-2031.00`.
    pub code: String,
    pub title: String,
    pub fit: Option<Fit>,
    pub bright_outlook: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CareersBlock {
    pub source: CareerSource,
    /// Best first. Only as many as fit on the page are printed (at most
    /// [`crate::MAX_CAREER_ROWS`]); the page says how many were left out.
    pub rows: Vec<CareerRow>,
}

/// Everything on the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportInput {
    pub lang: Lang,
    pub paper: Paper,
    pub date: ReportDate,
    pub form: Form,
    /// A name or note the person chose, e.g. "Spring workshop". Long labels are cut to fit.
    pub label: Option<String>,
    pub scores: Scores,
    /// The answer string (30 or 60 digits); `None` for typed scores. Becomes the QR code.
    pub answers: Option<String>,
    /// The chosen Job Zone, 1–5.
    pub zone: Option<u8>,
    pub careers: Option<CareersBlock>,
    /// Shown instead of careers when there are none, e.g. "No internet connection and
    /// no occupation pack installed."
    pub careers_missing_reason: Option<String>,
}

impl ReportInput {
    /// Highest score the bars are drawn against. Typed scores come from the paper
    /// profiler, which is the 60-item Short Form, so they share its 0–40 range.
    pub fn max_score(&self) -> u8 {
        self.form.scale_max()
    }

    /// Refuses input that would print something untrue.
    pub fn validate(&self) -> Result<(), ReportError> {
        self.date.check()?;
        let max = self.max_score();
        for (area, v) in waypoint_profiler::Area::ALL
            .iter()
            .zip(self.scores.as_array())
        {
            if v > max {
                return Err(ReportError::invalid(format!(
                    "the {area} score {v} is above this form's maximum of {max}"
                )));
            }
        }
        if let Some(z) = self.zone {
            if !(1..=5).contains(&z) {
                return Err(ReportError::invalid(format!(
                    "Job Zone {z} does not exist (zones run from 1 to 5)"
                )));
            }
        }
        if let Some(a) = &self.answers {
            if self.form == Form::Typed {
                return Err(ReportError::invalid(
                    "typed scores have no answer string; leave answers empty",
                ));
            }
            let parsed = Answers::parse(a).map_err(|e| ReportError::invalid(e.to_string()))?;
            if parsed.form() != self.form {
                return Err(ReportError::invalid(format!(
                    "the answer string has {} answers but the form is {:?}",
                    parsed.len(),
                    self.form
                )));
            }
            // The QR code and the bars must tell the same story.
            if parsed.scores() != self.scores {
                return Err(ReportError::invalid(
                    "the scores do not match the answer string",
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paper_follows_the_locale_region() {
        for l in [
            "en-US",
            "en_US.UTF-8",
            "es-MX",
            "fr-CA",
            "en-PH",
            "es_CO",
            "zh-Hant-US",
        ] {
            assert_eq!(Paper::for_locale(l), Paper::Letter, "{l}");
        }
        for l in [
            "en-GB",
            "es-ES",
            "de_DE.UTF-8@euro",
            "en",
            "",
            "es-419",
            "pt-BR",
        ] {
            assert_eq!(Paper::for_locale(l), Paper::A4, "{l}");
        }
    }

    #[test]
    fn dates_are_checked() {
        assert!(ReportDate::new(2024, 2, 29).is_ok());
        assert!(ReportDate::new(2000, 2, 29).is_ok());
        for (y, m, d) in [
            (2023, 2, 29),
            (1900, 2, 29),
            (2026, 4, 31),
            (2026, 13, 1),
            (2026, 1, 0),
        ] {
            let e = ReportDate::new(y, m, d).unwrap_err();
            assert_eq!(e.code(), "report.invalid", "{y}-{m}-{d}");
        }
    }
}
