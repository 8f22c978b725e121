//! Drawing primitives over krilla: embedded fonts, measured text, shapes, the mark and the
//! QR code. Coordinates are PDF points with the origin at the top left, y downwards.

use std::sync::OnceLock;

use krilla::color::rgb;
use krilla::geom::{Path, PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, FillRule, LineJoin, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use skrifa::instance::{LocationRef, Size};
use skrifa::raw::TableProvider;
use skrifa::{FontRef, MetadataProvider};

static REGULAR_TTF: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

/// A font for drawing (krilla, which subsets and embeds it with a Unicode map) and the
/// same bytes for measuring (skrifa), so wrapping agrees with what is drawn.
struct Face {
    pdf: Font,
    metrics: FontRef<'static>,
    upem: f32,
}

fn face(w: Weight) -> &'static Face {
    static REG: OnceLock<Face> = OnceLock::new();
    static BOLD: OnceLock<Face> = OnceLock::new();
    let (cell, bytes) = match w {
        Weight::Regular => (&REG, REGULAR_TTF),
        Weight::Bold => (&BOLD, BOLD_TTF),
    };
    cell.get_or_init(|| {
        let metrics = FontRef::new(bytes).expect("bundled DejaVu font parses");
        let upem = f32::from(
            metrics
                .head()
                .expect("font has a head table")
                .units_per_em(),
        );
        Face {
            pdf: Font::new(bytes.into(), 0).expect("bundled DejaVu font loads"),
            metrics,
            upem,
        }
    })
}

/// What stands for a run of characters the PDF cannot show: visible, and plainly not part
/// of the name, where an empty box (.notdef) would look like a printing fault.
pub(crate) const UNPRINTABLE: &str = "[?]";

/// Right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation
/// forms): the PDF writer neither shapes nor reorders them, so even glyphs DejaVu has would
/// print as isolated letters in reverse order.
fn is_rtl(c: char) -> bool {
    matches!(u32::from(c), 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

/// `s` as the bundled font can print it: each run of characters it has no glyph for (CJK,
/// Indic, …) or cannot lay out (right-to-left scripts) becomes [`UNPRINTABLE`]; control
/// characters are dropped.
pub(crate) fn printable(s: &str, w: Weight) -> std::borrow::Cow<'_, str> {
    let cmap = face(w).metrics.charmap();
    let ok = |c: char| c == ' ' || (!is_rtl(c) && cmap.map(c).is_some());
    if s.chars().all(|c| ok(c) && !c.is_control()) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut in_run = false;
    for c in s.chars() {
        if c.is_control() {
            continue;
        }
        if ok(c) {
            out.push(c);
            in_run = false;
        } else if !in_run {
            out.push_str(UNPRINTABLE);
            in_run = true;
        }
    }
    out.into()
}

/// Advance of each character in font units, with the same fallback for a missing glyph.
fn advances(w: Weight) -> impl Fn(char) -> f32 {
    let f = face(w);
    let cmap = f.metrics.charmap();
    let gm = f
        .metrics
        .glyph_metrics(Size::unscaled(), LocationRef::default());
    move |c| {
        cmap.map(c)
            .and_then(|g| gm.advance_width(g))
            .unwrap_or(f.upem * 0.6)
    }
}

/// Advance width of `s` (as [`printable`] makes it) in points. No kerning: it can only
/// overestimate slightly, which errs on the side of not touching the next thing.
pub(crate) fn text_width(s: &str, w: Weight, size: f32) -> f32 {
    let adv = advances(w);
    let units: f32 = printable(s, w).chars().map(adv).sum();
    units * size / face(w).upem
}

/// `s` cut to `max` points, ending in "…" when cut. One pass over running widths, so a
/// label of any length costs time in proportion to the part that fits.
pub(crate) fn ellipsize(s: &str, w: Weight, size: f32, max: f32) -> String {
    let s = printable(s, w);
    let adv = advances(w);
    let upem = face(w).upem;
    let ell = adv('…');
    // The longest prefix ending in a non-space that still fits with the ellipsis; widths
    // only grow, so the search ends at the first prefix that does not fit.
    let mut units = 0.0f32;
    let mut best = 0usize;
    let mut fits_with_ellipsis = true;
    for (i, c) in s.char_indices() {
        units += adv(c);
        if units * size / upem > max {
            return format!("{}…", &s[..best]);
        }
        fits_with_ellipsis = fits_with_ellipsis && (units + ell) * size / upem <= max;
        if fits_with_ellipsis && !c.is_whitespace() {
            best = i + c.len_utf8();
        }
    }
    s.into_owned()
}

/// Greedy word wrap to `max` points. A word longer than a line is cut with "…" rather
/// than overflowing. At most `max_lines` lines; the last one ends in "…" if text was left.
pub(crate) fn wrap(s: &str, w: Weight, size: f32, max: f32, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut cut = false;
    for word in s.split_whitespace() {
        let trial = if cur.is_empty() {
            word.to_string()
        } else {
            format!("{cur} {word}")
        };
        if text_width(&trial, w, size) <= max {
            cur = trial;
            continue;
        }
        if !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
            if lines.len() == max_lines {
                cut = true;
                break;
            }
        }
        cur = ellipsize(word, w, size, max);
    }
    if cut {
        if let Some(last) = lines.last_mut() {
            *last = ellipsize(&format!("{last} …"), w, size, max);
        }
    } else if !cur.is_empty() && lines.len() < max_lines {
        lines.push(cur);
    }
    lines
}

pub(crate) type Rgb = (u8, u8, u8);

pub(crate) const INK: Rgb = (0x1a, 0x1a, 0x1a);
pub(crate) const MUTED: Rgb = (0x4d, 0x55, 0x58);
pub(crate) const TEAL: Rgb = (0x0e, 0x6a, 0x78);
pub(crate) const TEAL_DARK: Rgb = (0x0b, 0x55, 0x63);
pub(crate) const GREY_BAR: Rgb = (0x9a, 0xa8, 0xac);
pub(crate) const TRACK: Rgb = (0xee, 0xf2, 0xf3);
pub(crate) const RULE: Rgb = (0xc5, 0xcf, 0xd2);
pub(crate) const WHITE: Rgb = (0xff, 0xff, 0xff);

fn fill(c: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(c.0, c.1, c.2).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn stroke(c: Rgb, width: f32) -> Stroke {
    Stroke {
        paint: rgb::Color::new(c.0, c.1, c.2).into(),
        width,
        line_join: LineJoin::Round,
        ..Stroke::default()
    }
}

pub(crate) struct Canvas<'a, 'b> {
    pub s: &'a mut Surface<'b>,
}

pub(crate) enum Align {
    Left,
    Right,
    Center,
}

impl Canvas<'_, '_> {
    /// Draws one line of text with its baseline at `y`; returns its width.
    // One flat call per line keeps the layout code readable as a list of placements.
    #[allow(clippy::too_many_arguments)]
    pub fn text(&mut self, x: f32, y: f32, s: &str, w: Weight, size: f32, c: Rgb, a: Align) -> f32 {
        let s = printable(s, w);
        let width = text_width(&s, w, size);
        let x = match a {
            Align::Left => x,
            Align::Right => x - width,
            Align::Center => x - width / 2.0,
        };
        if !s.is_empty() {
            self.s.set_stroke(None);
            self.s.set_fill(Some(fill(c)));
            self.s.draw_text(
                Point::from_xy(x, y),
                face(w).pdf.clone(),
                size,
                &s,
                false,
                TextDirection::LeftToRight,
            );
        }
        width
    }

    pub fn fill_path(&mut self, p: Option<Path>, c: Rgb) {
        if let Some(p) = p {
            self.s.set_stroke(None);
            self.s.set_fill(Some(fill(c)));
            self.s.draw_path(&p);
        }
    }

    pub fn stroke_path(&mut self, p: Option<Path>, c: Rgb, width: f32) {
        if let Some(p) = p {
            self.s.set_fill(None);
            self.s.set_stroke(Some(stroke(c, width)));
            self.s.draw_path(&p);
        }
    }

    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, c: Rgb) {
        if let Some(r) = Rect::from_xywh(x, y, w, h) {
            let mut pb = PathBuilder::new();
            pb.push_rect(r);
            self.fill_path(pb.finish(), c);
        }
    }

    pub fn hline(&mut self, x0: f32, x1: f32, y: f32, c: Rgb, width: f32) {
        let mut pb = PathBuilder::new();
        pb.move_to(x0, y);
        pb.line_to(x1, y);
        self.stroke_path(pb.finish(), c, width);
    }

    pub fn vline(&mut self, x: f32, y0: f32, y1: f32, c: Rgb, width: f32) {
        let mut pb = PathBuilder::new();
        pb.move_to(x, y0);
        pb.line_to(x, y1);
        self.stroke_path(pb.finish(), c, width);
    }

    pub fn round_rect(&mut self, x: f32, y: f32, w: f32, h: f32, r: f32) -> Option<Path> {
        let mut pb = PathBuilder::new();
        round_rect(&mut pb, x, y, w, h, r);
        pb.finish()
    }

    /// The Waypoint mark, `size` points square: the rounded tile, the RIASEC hexagon with
    /// its six coloured dots, and the pin. Simplified from icons/source/waypoint.svg
    /// (solid tile instead of its gradient), in its 1024-unit coordinates.
    pub fn mark(&mut self, x: f32, y: f32, size: f32) {
        let k = size / 1024.0;
        let p = |u: f32, v: f32| (x + u * k, y + v * k);

        let tile = self.round_rect(x + 32.0 * k, y + 32.0 * k, 960.0 * k, 960.0 * k, 210.0 * k);
        self.fill_path(tile, TEAL);

        let hex = [
            (512.0, 170.0),
            (808.0, 341.0),
            (808.0, 683.0),
            (512.0, 854.0),
            (216.0, 683.0),
            (216.0, 341.0),
        ];
        let mut pb = PathBuilder::new();
        for (i, &(u, v)) in hex.iter().enumerate() {
            let (px, py) = p(u, v);
            if i == 0 {
                pb.move_to(px, py);
            } else {
                pb.line_to(px, py);
            }
        }
        pb.close();
        self.stroke_path(pb.finish(), (0xf4, 0xf7, 0xf8), 34.0 * k);

        let dots: [Rgb; 6] = [
            (0xf2, 0xa5, 0x41),
            (0x6c, 0xc4, 0xa1),
            (0xf2, 0x6b, 0x6b),
            (0xff, 0xd1, 0x66),
            (0x8e, 0xca, 0xe6),
            (0xc4, 0x9b, 0xff),
        ];
        for (&(u, v), c) in hex.iter().zip(dots) {
            let (cx, cy) = p(u, v);
            let r = 58.0 * k;
            self.fill_path(circle_path(cx, cy, r), c);
            self.stroke_path(circle_path(cx, cy, r), (0x08, 0x3f, 0x4a), 14.0 * k);
        }

        // The pin, from the SVG path with its relative curves made absolute.
        let mut pb = PathBuilder::new();
        let (mx, my) = p(512.0, 318.0);
        pb.move_to(mx, my);
        let c = |pb: &mut PathBuilder, a: (f32, f32), b: (f32, f32), e: (f32, f32)| {
            let (a, b, e) = (p(a.0, a.1), p(b.0, b.1), p(e.0, e.1));
            pb.cubic_to(a.0, a.1, b.0, b.1, e.0, e.1);
        };
        c(&mut pb, (420.0, 318.0), (346.0, 390.0), (346.0, 480.0));
        c(&mut pb, (346.0, 598.0), (512.0, 742.0), (512.0, 742.0));
        c(&mut pb, (512.0, 742.0), (678.0, 598.0), (678.0, 480.0));
        c(&mut pb, (678.0, 390.0), (604.0, 318.0), (512.0, 318.0));
        pb.close();
        self.fill_path(pb.finish(), WHITE);
        let (cx, cy) = p(512.0, 478.0);
        self.fill_path(circle_path(cx, cy, 62.0 * k), TEAL_DARK);
    }

    /// A QR code's dark modules as filled squares, `module` points each, top left at
    /// (x, y). Runs of dark modules in a row become one rectangle: fewer path operations
    /// and no hairline seams between neighbours in some viewers.
    pub fn qr(&mut self, x: f32, y: f32, module: f32, width: usize, dark: &[bool]) {
        let mut pb = PathBuilder::new();
        for row in 0..width {
            let mut col = 0;
            while col < width {
                if !dark[row * width + col] {
                    col += 1;
                    continue;
                }
                let start = col;
                while col < width && dark[row * width + col] {
                    col += 1;
                }
                if let Some(r) = Rect::from_xywh(
                    x + start as f32 * module,
                    y + row as f32 * module,
                    (col - start) as f32 * module,
                    module,
                ) {
                    pb.push_rect(r);
                }
            }
        }
        self.fill_path(pb.finish(), (0, 0, 0));
    }
}

fn round_rect(pb: &mut PathBuilder, x: f32, y: f32, w: f32, h: f32, r: f32) {
    // Cubic approximation of a quarter circle.
    const K: f32 = 0.552_284_8;
    let r = r.min(w / 2.0).min(h / 2.0);
    let kr = K * r;
    pb.move_to(x + r, y);
    pb.line_to(x + w - r, y);
    pb.cubic_to(x + w - r + kr, y, x + w, y + r - kr, x + w, y + r);
    pb.line_to(x + w, y + h - r);
    pb.cubic_to(
        x + w,
        y + h - r + kr,
        x + w - r + kr,
        y + h,
        x + w - r,
        y + h,
    );
    pb.line_to(x + r, y + h);
    pb.cubic_to(x + r - kr, y + h, x, y + h - r + kr, x, y + h - r);
    pb.line_to(x, y + r);
    pb.cubic_to(x, y + r - kr, x + r - kr, y, x + r, y);
    pb.close();
}

fn circle_path(cx: f32, cy: f32, r: f32) -> Option<Path> {
    let mut pb = PathBuilder::new();
    round_rect(&mut pb, cx - r, cy - r, 2.0 * r, 2.0 * r, r);
    pb.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measuring_is_proportional_and_accents_have_width() {
        let a = text_width("Realistic", Weight::Regular, 10.0);
        assert!((text_width("Realistic", Weight::Regular, 20.0) - 2.0 * a).abs() < 0.01);
        assert!(text_width("Realistic", Weight::Bold, 10.0) > a);
        // A glyph the font has, not the fallback guess.
        let e = text_width("é", Weight::Regular, 10.0);
        assert!((e - text_width("e", Weight::Regular, 10.0)).abs() < 0.01);
    }

    #[test]
    fn wrap_respects_width_and_line_limit() {
        let s =
            "Trabajo práctico y manual con herramientas, máquinas, materiales, plantas o animales";
        let lines = wrap(s, Weight::Regular, 9.0, 120.0, 10);
        assert!(lines.len() > 2);
        for l in &lines {
            assert!(text_width(l, Weight::Regular, 9.0) <= 120.0, "{l}");
        }
        assert_eq!(lines.join(" "), s);

        let cut = wrap(s, Weight::Regular, 9.0, 120.0, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…'), "{cut:?}");
        let long = wrap(&"x".repeat(500), Weight::Regular, 9.0, 100.0, 3);
        assert_eq!(long.len(), 1);
        assert!(text_width(&long[0], Weight::Regular, 9.0) <= 100.0);
    }

    #[test]
    fn ellipsize_only_when_needed() {
        assert_eq!(
            ellipsize("Dancers", Weight::Regular, 10.0, 200.0),
            "Dancers"
        );
        let cut = ellipsize(&"Long title ".repeat(20), Weight::Regular, 10.0, 80.0);
        assert!(cut.ends_with('…') && text_width(&cut, Weight::Regular, 10.0) <= 80.0);
    }

    /// The cut it must make: the longest prefix, trailing spaces dropped, that fits with "…".
    fn ellipsize_by_search(s: &str, w: Weight, size: f32, max: f32) -> String {
        let mut out = s.to_string();
        while !out.is_empty() {
            out.pop();
            let candidate = format!("{}…", out.trim_end());
            if text_width(&candidate, w, size) <= max {
                return candidate;
            }
        }
        "…".to_string()
    }

    #[test]
    fn ellipsize_cuts_where_the_search_would_and_a_megabyte_label_is_quick() {
        for (s, max) in [
            ("Long title ".repeat(20), 80.0),
            ("Ana   María   López".to_string(), 60.0),
            ("WWWWWWWWWW".to_string(), 35.0),
            ("x".to_string(), 1.0),
        ] {
            for w in [Weight::Regular, Weight::Bold] {
                assert_eq!(
                    ellipsize(&s, w, 9.0, max),
                    ellipsize_by_search(&s, w, 9.0, max),
                    "{s:?} at {max}"
                );
            }
        }
        let label = "Ana María ".repeat(100_000);
        assert!(label.len() >= 1_000_000);
        let t = std::time::Instant::now();
        let cut = ellipsize(&label, Weight::Bold, 10.0, 200.0);
        eprintln!(
            "ellipsize of a {} byte label: {:?}",
            label.len(),
            t.elapsed()
        );
        assert!(cut.ends_with('…'), "{cut}");
        assert!(text_width(&cut, Weight::Bold, 10.0) <= 200.0);
        assert!(label.starts_with(cut.trim_end_matches('…')));
        // One more character would not fit.
        let next = label[cut.len() - '…'.len_utf8()..].chars().next().unwrap();
        let longer = format!("{}{next}…", cut.trim_end_matches('…'));
        assert!(next == ' ' || text_width(&longer, Weight::Bold, 10.0) > 200.0);
    }

    #[test]
    fn scripts_the_font_cannot_show_become_a_visible_marker() {
        assert_eq!(printable("Ana María", Weight::Regular), "Ana María");
        assert_eq!(printable("李明", Weight::Regular), "[?]");
        assert_eq!(printable("Li 李明 Ming", Weight::Bold), "Li [?] Ming");
        // Right-to-left text cannot be laid out even where DejaVu has the letters.
        assert_eq!(printable("سارة / שרה", Weight::Regular), "[?] / [?]");
        assert_eq!(printable("Ana\u{0007}\n", Weight::Regular), "Ana");
        // Greek and Cyrillic are in DejaVu and stay.
        assert_eq!(printable("Ελένη Ольга", Weight::Regular), "Ελένη Ольга");
        let cut = ellipsize(&"李".repeat(10_000), Weight::Regular, 9.0, 50.0);
        assert_eq!(cut, "[?]");
    }
}
