//! The page layout. Everything is placed top-down with a cursor, except the footer,
//! which is anchored to the bottom first so the career table knows how much room it has:
//! that is what keeps the report to exactly one page for any input.

use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::Document;
use qrcode::{Color, EcLevel, QrCode};
use waypoint_profiler::{profile, Area, ATTRIBUTION};

use crate::draw::{
    ellipsize, text_width, wrap, Align, Canvas, Weight, GREY_BAR, INK, MUTED, RULE, TEAL, TRACK,
    WHITE,
};
use crate::error::ReportError;
use crate::input::{CareerSource, ReportInput};
use crate::text::{self, texts};
use crate::MAX_CAREER_ROWS;

const MARGIN: f32 = 40.0;
const TOP: f32 = 34.0;
const BOTTOM: f32 = 30.0;
const ROW_H: f32 = 15.0;

/// Dark modules of the answers' QR code, row by row, and the side in modules.
pub(crate) fn qr_modules(answers: &str) -> Result<(usize, Vec<bool>), ReportError> {
    // M: survives a fold or a smudge on paper and still stays small for 60 digits.
    let code = QrCode::with_error_correction_level(answers.as_bytes(), EcLevel::M)
        .map_err(|e| ReportError::invalid(format!("the answers do not fit a QR code: {e}")))?;
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Ok((code.width(), dark))
}

pub(crate) fn render(input: &ReportInput) -> Result<Vec<u8>, ReportError> {
    let (w, h) = input.paper.size_pt();
    let t = texts(input.lang);
    let lang = input.lang;

    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(t.doc_title.to_string())
            .language(waypoint_locales::locale_tag(lang).to_string())
            .creator("Waypoint".to_string()),
    );
    let settings = PageSettings::from_wh(w, h)
        .ok_or_else(|| ReportError::invalid("paper size is not usable"))?;
    let mut page = doc.start_page_with(settings);
    let mut surface = page.surface();
    let mut c = Canvas { s: &mut surface };

    let left = MARGIN;
    let right = w - MARGIN;
    let width = right - left;

    // ---- Header: mark, title, date/form/label, QR code at the top right.
    let mark = 50.0;
    c.mark(left, TOP, mark);
    let title_x = left + mark + 12.0;
    c.text(
        title_x,
        TOP + 22.0,
        "Waypoint",
        Weight::Bold,
        20.0,
        INK,
        Align::Left,
    );
    c.text(
        title_x,
        TOP + 40.0,
        t.subtitle,
        Weight::Regular,
        11.0,
        MUTED,
        Align::Left,
    );
    let title_right = title_x
        + text_width("Waypoint", Weight::Bold, 20.0).max(text_width(
            t.subtitle,
            Weight::Regular,
            11.0,
        ));

    let mut info_right = right;
    let mut header_bottom = TOP + mark;
    if let Some(answers) = &input.answers {
        let (n, dark) = qr_modules(answers)?;
        // About 66 pt for the 60-answer code: big enough for a phone camera on paper.
        let module = (66.0 / n as f32).min(2.8);
        let side = module * n as f32;
        let x = right - side;
        c.qr(x, TOP, module, n, &dark);
        c.text(
            x + side / 2.0,
            TOP + side + 10.0,
            t.qr_caption,
            Weight::Regular,
            7.5,
            MUTED,
            Align::Center,
        );
        // Keep the QR code's quiet zone (4 modules) clear of text.
        info_right = x - 4.0 * module - 4.0;
        header_bottom = header_bottom.max(TOP + side + 12.0);
    }
    let info_room = info_right - title_right - 16.0;
    let date = text::date(lang, input.date);
    c.text(
        info_right,
        TOP + 12.0,
        &date,
        Weight::Regular,
        10.0,
        INK,
        Align::Right,
    );
    let form = ellipsize(
        text::form_name(lang, input.form),
        Weight::Regular,
        10.0,
        info_room,
    );
    c.text(
        info_right,
        TOP + 27.0,
        &form,
        Weight::Regular,
        10.0,
        INK,
        Align::Right,
    );
    if let Some(label) = clean_label(input.label.as_deref()) {
        let label = ellipsize(
            &format!("{}: {label}", t.label),
            Weight::Bold,
            10.0,
            info_room,
        );
        c.text(
            info_right,
            TOP + 42.0,
            &label,
            Weight::Bold,
            10.0,
            INK,
            Align::Right,
        );
    }
    let mut y = header_bottom + 8.0;
    c.hline(left, right, y, RULE, 0.8);

    // ---- Scores: six horizontal bars against the form's maximum, numbers printed.
    y += 22.0;
    let max = input.max_score();
    let summary = profile::summarize(&input.scores);
    let top3: &[Area] = if summary.flat {
        &[]
    } else {
        &summary.ranking[..3]
    };
    c.text(
        left,
        y,
        t.scores_heading,
        Weight::Bold,
        12.0,
        INK,
        Align::Left,
    );
    let scale = t.scores_scale.replace("{max}", &max.to_string());
    c.text(right, y, &scale, Weight::Regular, 8.5, MUTED, Align::Right);
    y += 10.0;
    let label_w = Area::ALL
        .iter()
        .map(|&a| text_width(&area_label(lang, a), Weight::Bold, 10.0))
        .fold(0.0, f32::max)
        + 12.0;
    let number_w = text_width(&format!("{max} / {max}"), Weight::Bold, 10.0) + 10.0;
    let track_x = left + label_w;
    let track_w = width - label_w - number_w;
    let bar_h = 11.0;
    let pitch = 18.0;
    let grid_top = y + 3.0;
    for (i, &area) in Area::ALL.iter().enumerate() {
        let row_y = y + 3.0 + i as f32 * pitch;
        let v = input.scores.get(area);
        let strong = top3.contains(&area);
        let weight = if strong {
            Weight::Bold
        } else {
            Weight::Regular
        };
        c.text(
            left,
            row_y + 9.0,
            &area_label(lang, area),
            weight,
            10.0,
            INK,
            Align::Left,
        );
        c.rect(track_x, row_y, track_w, bar_h, TRACK);
        let frac = f32::from(v) / f32::from(max.max(1));
        let colour = if strong { TEAL } else { GREY_BAR };
        c.rect(track_x, row_y, track_w * frac, bar_h, colour);
        c.text(
            track_x + track_w + 8.0,
            row_y + 9.0,
            &format!("{v} / {max}"),
            weight,
            10.0,
            INK,
            Align::Left,
        );
    }
    let grid_bottom = y + 3.0 + 5.0 * pitch + bar_h;
    // Quarter lines drawn over the bars so values can be read off in black and white.
    for q in 0..=4 {
        let x = track_x + track_w * q as f32 / 4.0;
        c.vline(x, grid_top - 2.0, grid_bottom + 2.0, RULE, 0.5);
        let tick = (u32::from(max) * q / 4).to_string();
        c.text(
            x,
            grid_bottom + 11.0,
            &tick,
            Weight::Regular,
            7.5,
            MUTED,
            Align::Center,
        );
    }
    y = grid_bottom + 12.0;

    // ---- High-point code and what the top areas mean.
    y += 24.0;
    let heading_w = c.text(
        left,
        y,
        t.code_heading,
        Weight::Bold,
        12.0,
        INK,
        Align::Left,
    );
    if summary.flat {
        y += 6.0;
        for line in wrap(t.flat, Weight::Regular, 9.0, width, 3) {
            y += 11.5;
            c.text(left, y, &line, Weight::Regular, 9.0, INK, Align::Left);
        }
    } else {
        c.text(
            left + heading_w + 8.0,
            y,
            &summary.high_point,
            Weight::Bold,
            14.0,
            TEAL,
            Align::Left,
        );
        y += 4.0;
        let badge = 16.0;
        let text_x = left + badge + 8.0;
        for &area in top3 {
            y += 8.0;
            let tile = c.round_rect(left, y, badge, badge, 3.0);
            c.fill_path(tile, TEAL);
            let letter = area.letter().to_string();
            c.text(
                left + badge / 2.0,
                y + 12.0,
                &letter,
                Weight::Bold,
                10.0,
                WHITE,
                Align::Center,
            );
            c.text(
                text_x,
                y + 9.0,
                text::area_name(lang, area),
                Weight::Bold,
                10.0,
                INK,
                Align::Left,
            );
            y += 9.0;
            for line in wrap(
                text::area_description(lang, area),
                Weight::Regular,
                8.5,
                right - text_x,
                3,
            ) {
                y += 11.0;
                c.text(text_x, y, &line, Weight::Regular, 8.5, INK, Align::Left);
            }
        }
    }

    // ---- Footer, anchored to the bottom: the notice and the O*NET attribution.
    let attribution = wrap(ATTRIBUTION, Weight::Regular, 7.0, width, 6);
    let attr_lh = 8.6;
    let attr_top = h - BOTTOM - attribution.len() as f32 * attr_lh;
    let notice = ellipsize(t.notice, Weight::Bold, 9.0, width);
    let notice_y = attr_top - 6.0;
    let footer_top = notice_y - 16.0;
    c.hline(left, right, footer_top, RULE, 0.8);
    c.text(left, notice_y, &notice, Weight::Bold, 9.0, INK, Align::Left);
    for (i, line) in attribution.iter().enumerate() {
        let ly = attr_top + 7.0 + i as f32 * attr_lh;
        c.text(left, ly, line, Weight::Regular, 7.0, MUTED, Align::Left);
    }
    let limit = footer_top - 8.0;

    // ---- Careers: Job Zone, source, and as many rows as fit above the footer.
    y += 26.0;
    let heading = match input.zone {
        Some(z) => t.careers_in_zone.replace("{zone}", &z.to_string()),
        None => t.careers_heading.to_string(),
    };
    c.text(left, y, &heading, Weight::Bold, 12.0, INK, Align::Left);
    if let Some((title, summary)) = input.zone.and_then(|z| text::zone_texts(lang, z)) {
        y += 15.0;
        let title = ellipsize(&title, Weight::Bold, 9.0, width);
        c.text(left, y, &title, Weight::Bold, 9.0, INK, Align::Left);
        for line in wrap(&summary, Weight::Regular, 8.5, width, 2) {
            y += 11.0;
            c.text(left, y, &line, Weight::Regular, 8.5, MUTED, Align::Left);
        }
    }

    match &input.careers {
        Some(block) => {
            y += 15.0;
            match block.source {
                CareerSource::Estimate => {
                    // A boxed tag: the caveat must survive a black-and-white copy.
                    let tag_w = text_width(t.estimate, Weight::Bold, 8.5) + 10.0;
                    let tag = c.round_rect(left, y - 9.5, tag_w, 13.0, 2.5);
                    c.stroke_path(tag, INK, 0.8);
                    c.text(
                        left + 5.0,
                        y,
                        t.estimate,
                        Weight::Bold,
                        8.5,
                        INK,
                        Align::Left,
                    );
                    let note =
                        ellipsize(t.estimate_note, Weight::Regular, 8.5, width - tag_w - 6.0);
                    c.text(
                        left + tag_w + 6.0,
                        y,
                        &note,
                        Weight::Regular,
                        8.5,
                        MUTED,
                        Align::Left,
                    );
                }
                CareerSource::Api => {
                    c.text(
                        left,
                        y,
                        t.source_api,
                        Weight::Regular,
                        8.5,
                        MUTED,
                        Align::Left,
                    );
                }
            }
            y += 8.0;
            if block.rows.is_empty() {
                y += 14.0;
                c.text(left, y, t.no_rows, Weight::Regular, 9.5, INK, Align::Left);
            } else {
                careers_table(&mut c, input, y, limit, left, right);
            }
        }
        None => {
            let reason = input
                .careers_missing_reason
                .as_deref()
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .unwrap_or(t.no_careers);
            y += 6.0;
            let room = ((limit - y) / 12.0).floor().max(1.0) as usize;
            for line in wrap(reason, Weight::Regular, 9.5, width, room.min(5)) {
                y += 12.0;
                c.text(left, y, &line, Weight::Regular, 9.5, INK, Align::Left);
            }
        }
    }

    surface.finish();
    page.finish();
    doc.finish()
        .map_err(|e| ReportError::invalid(format!("the PDF could not be written: {e:?}")))
}

/// Header row, then rows until `limit`; a closing line says how many were left out.
fn careers_table(c: &mut Canvas, input: &ReportInput, top: f32, limit: f32, left: f32, right: f32) {
    let lang = input.lang;
    let t = texts(lang);
    let Some(block) = &input.careers else { return };

    let pad = 6.0;
    let head = 8.5;
    let body = 9.0;
    let outlook_w =
        text_width(t.col_outlook, Weight::Bold, head).max(text_width(t.yes, Weight::Regular, body))
            + 2.0 * pad;
    let fit_w = t
        .fits
        .iter()
        .map(|f| text_width(f, Weight::Regular, body))
        .fold(text_width(t.col_fit, Weight::Bold, head), f32::max)
        + 2.0 * pad;
    let code_w = text_width("00-0000.00", Weight::Regular, body).max(text_width(
        t.col_code,
        Weight::Bold,
        head,
    )) + 2.0 * pad;
    let outlook_x = right - outlook_w;
    let fit_x = outlook_x - fit_w;
    let code_x = fit_x - code_w;
    let title_w = code_x - left - 2.0 * pad;

    let total = block.rows.len();
    let note_h = 14.0;
    let header_h = 16.0;
    let room = ((limit - top - header_h - note_h) / ROW_H).floor().max(0.0) as usize;
    let shown = total.min(MAX_CAREER_ROWS).min(room);

    let mut y = top + header_h;
    c.text(
        left + pad,
        y - 4.0,
        t.col_career,
        Weight::Bold,
        head,
        INK,
        Align::Left,
    );
    c.text(
        code_x + pad,
        y - 4.0,
        t.col_code,
        Weight::Bold,
        head,
        INK,
        Align::Left,
    );
    c.text(
        fit_x + pad,
        y - 4.0,
        t.col_fit,
        Weight::Bold,
        head,
        INK,
        Align::Left,
    );
    c.text(
        outlook_x + pad,
        y - 4.0,
        t.col_outlook,
        Weight::Bold,
        head,
        INK,
        Align::Left,
    );
    c.hline(left, right, y, INK, 0.8);
    for (i, row) in block.rows.iter().take(shown).enumerate() {
        if i % 2 == 1 {
            c.rect(left, y, right - left, ROW_H, TRACK);
        }
        let base = y + 10.5;
        let title = ellipsize(row.title.trim(), Weight::Regular, body, title_w);
        c.text(
            left + pad,
            base,
            &title,
            Weight::Regular,
            body,
            INK,
            Align::Left,
        );
        let code = ellipsize(row.code.trim(), Weight::Regular, body, code_w - 2.0 * pad);
        c.text(
            code_x + pad,
            base,
            &code,
            Weight::Regular,
            body,
            MUTED,
            Align::Left,
        );
        let fit = row.fit.map(|f| text::fit_name(lang, f)).unwrap_or("–");
        c.text(
            fit_x + pad,
            base,
            fit,
            Weight::Regular,
            body,
            INK,
            Align::Left,
        );
        if row.bright_outlook {
            c.text(
                outlook_x + pad,
                base,
                t.yes,
                Weight::Bold,
                body,
                INK,
                Align::Left,
            );
        }
        y += ROW_H;
    }
    c.hline(left, right, y, RULE, 0.6);
    if shown < total {
        let more = t
            .more_rows
            .replace("{shown}", &waypoint_locales::integer(lang, shown as u64))
            .replace("{total}", &waypoint_locales::integer(lang, total as u64));
        c.text(
            left,
            y + 11.0,
            &more,
            Weight::Regular,
            8.5,
            MUTED,
            Align::Left,
        );
    }
}

fn area_label(lang: crate::Lang, area: Area) -> String {
    format!("{} ({})", text::area_name(lang, area), area.letter())
}

/// The label on one line: control characters and runs of spaces would break the layout.
fn clean_label(label: Option<&str>) -> Option<String> {
    let s: String = label?
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_one_clean_line() {
        assert_eq!(
            clean_label(Some("  Ana\n\tGarcía\u{7}  2026 ")).as_deref(),
            Some("Ana García 2026")
        );
        assert_eq!(clean_label(Some(" \n ")), None);
        assert_eq!(clean_label(None), None);
    }
}
