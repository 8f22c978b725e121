//! The rendered PDF as a reader sees it: extracted text (poppler's pdftotext), page count
//! and size (pdfinfo), the QR code decoded from a rendered image. PNGs of every sample
//! are left in target/report-pdf/ for a human to look at.

mod common;

use common::*;
use waypoint_profiler::{Answers, Form, Scores, ATTRIBUTION};
use waypoint_report_pdf::{
    render, write_to, CareerSource, CareersBlock, Lang, Paper, ReportDate, MAX_CAREER_ROWS,
};

#[test]
fn english_report_holds_scores_code_careers_marker_and_attribution() {
    let input = sample(Lang::En, Paper::Letter);
    let pdf = render(&input).unwrap();
    let text = pdftotext("en-letter", &pdf);
    let f = flat(&text);
    png("en-letter", &pdf, 80);

    for (name, score) in [
        ("Realistic (R)", 27),
        ("Investigative (I)", 13),
        ("Artistic (A)", 23),
        ("Social (S)", 25),
        ("Enterprising (E)", 14),
        ("Conventional (C)", 14),
    ] {
        // Name and number on one line: the bar between them carries no text.
        let line = text
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no line for {name} in\n{text}"));
        assert!(line.contains(&format!("{score} / 40")), "{line}");
    }
    for want in [
        "Waypoint",
        "Interest Profiler results",
        "November 29, 2026",
        "Interest Profiler (60 questions)",
        "For: Spring workshop — Ana",
        "Your high-point code RSA",
        "Hands-on, practical work",
        "Careers in Job Zone 3",
        "Job Zone Three: Medium Preparation Needed",
        "Offline estimate by Waypoint",
        "Bright Outlook",
        "Hairdressers, Hairstylists, and Cosmetologists",
        "Signal and Track Switch Repairers",
        "These results are for exploring careers, not for screening or selection.",
        "Your answers",
    ] {
        assert!(f.contains(want), "missing {want:?} in\n{text}");
    }
    assert!(
        f.contains(&flat(ATTRIBUTION)),
        "attribution not intact in\n{text}"
    );
    let skincare = text
        .lines()
        .find(|l| l.contains("Skincare Specialists"))
        .unwrap();
    assert!(
        skincare.contains("39-5094.00") && skincare.contains("Best") && skincare.contains("Yes"),
        "{skincare}"
    );
    let dancers = text.lines().find(|l| l.contains("Dancers")).unwrap();
    assert!(
        dancers.contains("Best") && !dancers.contains("Yes"),
        "{dancers}"
    );
    // Only the six areas in the description block are the top three.
    assert!(
        !f.contains("Work built around ideas"),
        "Investigative is not in the code"
    );
    assert_eq!(info_field(&pdfinfo("en-letter", &pdf), "Pages"), "1");
}

#[test]
fn spanish_report_is_spanish_with_accents_and_titles_as_given() {
    let input = sample(Lang::Es, Paper::A4);
    let pdf = render(&input).unwrap();
    let text = pdftotext("es-a4", &pdf);
    let f = flat(&text);
    png("es-a4", &pdf, 80);
    for want in [
        "Resultados del Perfil de Intereses",
        "29 de noviembre de 2026",
        "Perfil de Intereses (60 preguntas)",
        "Para: Spring workshop — Ana",
        "Tus puntajes de intereses",
        "Realista (R)",
        "Artístico (A)",
        "Tu código de intereses RSA",
        "Trabajo práctico y manual",
        "Carreras en la Zona de Empleo 3",
        "Zona de Empleo 3: se necesita preparación media",
        "Estimación sin conexión de Waypoint",
        "Perspectiva Brillante",
        "Coincidencia excelente",
        "Skincare Specialists",
        "Estos resultados sirven para explorar carreras, no para evaluar ni seleccionar personas.",
        "Tus respuestas",
    ] {
        assert!(f.contains(want), "missing {want:?} in\n{text}");
    }
    let skincare = text
        .lines()
        .find(|l| l.contains("Skincare Specialists"))
        .unwrap();
    assert!(skincare.contains("Sí"), "{skincare}");
    let social = text.lines().find(|l| l.contains("Social (S)")).unwrap();
    assert!(social.contains("25 / 40"), "{social}");
    assert!(f.contains(&flat(ATTRIBUTION)));
    for english in [
        "Your interest scores",
        "Offline estimate",
        "Bright Outlook",
        "Careers in",
    ] {
        assert!(
            !f.contains(english),
            "English {english:?} on the Spanish page"
        );
    }
}

#[test]
fn long_career_list_stays_on_one_page_in_both_languages_and_papers() {
    for (lang, paper, more) in [
        (Lang::En, Paper::Letter, "Showing the top 10 of 40 careers."),
        (
            Lang::Es,
            Paper::A4,
            "Se muestran las 10 primeras de 40 carreras.",
        ),
        (Lang::En, Paper::A4, "Showing the top 10 of 40 careers."),
        (
            Lang::Es,
            Paper::Letter,
            "Se muestran las 10 primeras de 40 carreras.",
        ),
    ] {
        let mut input = sample(lang, paper);
        // Distinct words throughout, so "the full label is absent" means its end was cut.
        let label = "Spring workshop at the Eastside Library for adults changing careers after \
            twenty years in retail and logistics, group B, second session, room 14, ends in ZEBRA";
        input.label = Some(label.into());
        let mut rows = rows(40);
        rows[0].title = "An occupation title so long that it cannot possibly fit in the career column of the table".into();
        input.careers = Some(CareersBlock {
            source: CareerSource::Api,
            rows,
        });
        let pdf = render(&input).unwrap();
        let name = format!("long-{lang:?}-{paper:?}").to_lowercase();
        assert_eq!(info_field(&pdfinfo(&name, &pdf), "Pages"), "1", "{name}");
        let text = pdftotext(&name, &pdf);
        let f = flat(&text);
        assert!(f.contains(more), "{name}: missing {more:?} in\n{text}");
        assert!(f.contains("Career number 10 ("), "{name}\n{text}");
        assert!(!f.contains("Career number 11 ("), "{name}\n{text}");
        let long = text
            .lines()
            .find(|l| l.contains("An occupation title so long"))
            .unwrap();
        assert!(
            long.contains('…') && !long.contains("of the table"),
            "{long}"
        );
        let prefix = match lang {
            Lang::En => "For: Spring workshop",
            Lang::Es => "Para: Spring workshop",
        };
        let shown = text
            .lines()
            .find(|l| l.contains(prefix))
            .unwrap_or_else(|| panic!("{name}: no {prefix:?} line in\n{text}"));
        assert!(
            shown.contains('…') && !shown.contains("ZEBRA"),
            "{name}: label not cut with an ellipsis: {shown}"
        );
        assert!(
            !f.contains(&flat(label)) && !f.contains("ZEBRA"),
            "{name}\n{text}"
        );
        assert!(!f.contains("Offline estimate") && !f.contains("Estimación sin conexión"));
        assert!(
            f.contains(&flat(ATTRIBUTION)),
            "{name}: footer overwritten?\n{text}"
        );
        if name == "long-en-letter" {
            png(&name, &pdf, 80);
        }
    }
}

#[test]
fn paper_sizes_are_a4_and_letter() {
    let a4 = render(&sample(Lang::En, Paper::A4)).unwrap();
    let letter = render(&sample(Lang::En, Paper::Letter)).unwrap();
    let a4 = info_field(&pdfinfo("size-a4", &a4), "Page size");
    let letter = info_field(&pdfinfo("size-letter", &letter), "Page size");
    assert!(
        a4.starts_with("595.2") && a4.contains("x 841.89") && a4.contains("(A4)"),
        "{a4}"
    );
    assert!(
        letter.starts_with("612 x 792") && letter.contains("letter"),
        "{letter}"
    );
    assert_eq!(Paper::for_locale("en-US"), Paper::Letter);
    assert_eq!(Paper::for_locale("es-ES"), Paper::A4);
}

#[test]
fn qr_code_decodes_to_the_answer_string() {
    let ip30: String = "12345".repeat(6);
    let mut mini = sample(Lang::Es, Paper::A4);
    mini.form = Form::Ip30;
    mini.scores = Answers::parse(&ip30).unwrap().scores();
    mini.answers = Some(ip30.clone());
    for (name, input, want) in [
        ("qr-ip60", sample(Lang::En, Paper::Letter), ONET_EXAMPLE),
        ("qr-ip30", mini, ip30.as_str()),
    ] {
        let pdf = render(&input).unwrap();
        // 150 dpi: a phone camera sees the printout at least this sharply.
        let decoded = decode_qr(&png(name, &pdf, 150));
        assert_eq!(decoded, [want.to_string()], "{name}");
    }
    // The drawn matrix is the qrcode crate's, at error-correction level M.
    let (n, dark) = waypoint_report_pdf::qr_modules(ONET_EXAMPLE).unwrap();
    let reference =
        qrcode::QrCode::with_error_correction_level(ONET_EXAMPLE.as_bytes(), qrcode::EcLevel::M)
            .unwrap();
    assert_eq!(n, reference.width());
    assert_eq!(dark.len(), n * n);
    assert!(dark
        .iter()
        .zip(reference.to_colors())
        .all(|(&d, c)| d == (c == qrcode::Color::Dark)));
}

#[test]
fn typed_scores_without_careers_show_the_reason_and_no_qr() {
    for lang in [Lang::En, Lang::Es] {
        let input = typed_sample(lang);
        let pdf = render(&input).unwrap();
        let name = format!("typed-{lang:?}").to_lowercase();
        let text = pdftotext(&name, &pdf);
        let f = flat(&text);
        let (form, reason, heading) = match lang {
            Lang::En => (
                "Scores entered from a paper profiler",
                "There is no internet connection and no occupation pack is installed",
                "Careers that match your interests",
            ),
            Lang::Es => (
                "Puntajes ingresados de un perfil en papel",
                "No hay conexión a internet ni paquete de ocupaciones instalado",
                "Carreras que coinciden con tus intereses",
            ),
        };
        for want in [form, reason, heading, "CIE"] {
            assert!(f.contains(want), "{name}: missing {want:?} in\n{text}");
        }
        let conventional = text.lines().find(|l| l.contains("(C)")).unwrap();
        assert!(conventional.contains("35 / 40"), "{conventional}");
        assert!(!f.contains("Your answers") && !f.contains("Tus respuestas"));
        let png = png(&name, &pdf, 150);
        assert!(
            decode_qr(&png).is_empty(),
            "{name}: a QR code without answers"
        );
    }
}

#[test]
fn flat_profile_says_there_is_no_code() {
    let mut input = typed_sample(Lang::En);
    input.scores = Scores::from_array([20; 6]);
    let pdf = render(&input).unwrap();
    let text = pdftotext("flat", &pdf);
    let f = flat(&text);
    assert!(
        f.contains("All six scores are equal, so there is no high-point code"),
        "{text}"
    );
    assert!(
        !f.contains("RIA"),
        "a tie-broken code for a flat profile:\n{text}"
    );
    png("flat", &pdf, 80);
}

#[test]
fn empty_career_list_and_api_source() {
    let mut input = sample(Lang::En, Paper::A4);
    input.careers = Some(CareersBlock {
        source: CareerSource::Api,
        rows: vec![],
    });
    let f = flat(&pdftotext("no-rows", &render(&input).unwrap()));
    assert!(f.contains("No careers matched in this Job Zone."), "{f}");
    assert!(f.contains("Matched by O*NET Web Services."), "{f}");
    assert!(!f.contains("Offline estimate"));
}

#[test]
fn untrue_input_is_refused() {
    let base = sample(Lang::En, Paper::A4);
    let mut too_high = typed_sample(Lang::En);
    too_high.scores = Scores::from_array([41, 0, 0, 0, 0, 0]);
    let mut mini_too_high = base.clone();
    mini_too_high.form = Form::Ip30;
    mini_too_high.answers = None;
    let mut mismatch = base.clone();
    mismatch.scores.realistic = 26;
    let mut wrong_form = base.clone();
    wrong_form.form = Form::Ip30;
    let mut bad_answers = base.clone();
    bad_answers.answers = Some("12345".into());
    let mut typed_with_answers = base.clone();
    typed_with_answers.form = Form::Typed;
    let mut zone = base.clone();
    zone.zone = Some(6);
    let mut date = base.clone();
    date.date = ReportDate {
        year: 2026,
        month: 2,
        day: 30,
    };
    for (what, input) in [
        ("typed score above 40", too_high),
        ("Mini-IP score above 20", mini_too_high),
        ("scores that do not match the answers", mismatch),
        ("answers of another form", wrong_form),
        ("a malformed answer string", bad_answers),
        ("typed scores with answers", typed_with_answers),
        ("Job Zone 6", zone),
        ("February 30", date),
    ] {
        let e = render(&input).expect_err(what);
        assert_eq!(e.code(), "report.invalid", "{what}: {e}");
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "report.invalid");
        assert_eq!(json["message"], e.to_string());
    }
}

#[test]
fn write_to_writes_a_pdf_and_reports_io_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    write_to(&path, &sample(Lang::En, Paper::A4)).unwrap();
    assert!(std::fs::read(&path).unwrap().starts_with(b"%PDF-"));
    let e = write_to(
        dir.path().join("missing/report.pdf"),
        &sample(Lang::En, Paper::A4),
    )
    .unwrap_err();
    assert_eq!(e.code(), "report.io");
    assert!(e.to_string().contains("missing/report.pdf"), "{e}");
}

#[test]
fn same_input_same_bytes_and_small_file() {
    let input = sample(Lang::Es, Paper::A4);
    let a = render(&input).unwrap();
    assert_eq!(
        a,
        render(&input).unwrap(),
        "output must not depend on the clock"
    );
    // The fonts are subset: a whole DejaVu Sans alone is 740 KB.
    assert!(a.len() < 120_000, "{} bytes", a.len());
}

#[test]
fn at_most_max_rows_even_on_a_short_list_boundary() {
    let mut input = sample(Lang::En, Paper::Letter);
    input.careers.as_mut().unwrap().rows = rows(MAX_CAREER_ROWS);
    let f = flat(&pdftotext("exactly-max", &render(&input).unwrap()));
    assert!(f.contains("Career number 10 ("), "{f}");
    assert!(!f.contains("Showing the top"), "nothing was left out: {f}");
}

#[test]
fn names_in_scripts_the_font_lacks_print_a_visible_marker_not_empty_boxes() {
    let mut input = sample(Lang::En, Paper::Letter);
    input.label = Some("王小明 and سارة".to_string());
    if let Some(c) = input.careers.as_mut() {
        c.rows[0].title = "Ingeniería 工程师".to_string();
    }
    let pdf = render(&input).unwrap();
    let f = flat(&pdftotext("unprintable-scripts", &pdf));
    assert!(f.contains("For: [?] and [?]"), "{f}");
    assert!(f.contains("Ingeniería [?]"), "{f}");
    for c in ['王', 'س', '工'] {
        assert!(!f.contains(c), "{c} reached the PDF: {f}");
    }
}
