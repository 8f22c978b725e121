//! Everything the page says in the project's own words, in English and Spanish.
//! The English area and Job Zone texts come from the profiler crate (the single source);
//! the Spanish ones are translations kept here. Job Zone titles in English are O*NET's.

use waypoint_profiler::{instrument, Area, Fit, Form};

use crate::input::ReportDate;
use crate::Lang;

pub(crate) struct Texts {
    pub subtitle: &'static str,
    pub forms: [&'static str; 3],
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
    pub months: [&'static str; 12],
    pub doc_title: &'static str,
}

const EN: Texts = Texts {
    subtitle: "Interest Profiler results",
    forms: [
        "Interest Profiler (60 questions)",
        "Mini Interest Profiler (30 questions)",
        "Scores entered from a paper profiler",
    ],
    label: "For",
    scores_heading: "Your interest scores",
    scores_scale: "Each bar shows a score out of {max}.",
    code_heading: "Your high-point code",
    flat: "All six scores are equal, so there is no high-point code: no area stands out, and careers cannot be matched to this profile.",
    careers_heading: "Careers that match your interests",
    careers_in_zone: "Careers in Job Zone {zone}",
    estimate: "Offline estimate by Waypoint",
    estimate_note: "matched on this computer from O*NET data, not by O*NET itself.",
    source_api: "Matched by O*NET Web Services.",
    col_career: "Career",
    col_code: "O*NET-SOC",
    col_fit: "Fit",
    col_outlook: "Bright Outlook",
    yes: "Yes",
    fits: ["Best", "Great", "Good"],
    more_rows: "Showing the top {shown} of {total} careers.",
    no_rows: "No careers matched in this Job Zone.",
    no_careers: "No career list is available.",
    qr_caption: "Your answers",
    notice: "These results are for exploring careers, not for screening or selection.",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    doc_title: "Waypoint: Interest Profiler results",
};

const ES: Texts = Texts {
    subtitle: "Resultados del Perfil de Intereses",
    forms: [
        "Perfil de Intereses (60 preguntas)",
        "Perfil de Intereses breve (30 preguntas)",
        "Puntuaciones copiadas de un perfil en papel",
    ],
    label: "Para",
    scores_heading: "Sus puntuaciones de intereses",
    scores_scale: "Cada barra muestra una puntuación sobre {max}.",
    code_heading: "Su código de puntos altos",
    flat: "Las seis puntuaciones son iguales, así que no hay código de puntos altos: ninguna área destaca y no se pueden buscar carreras para este perfil.",
    careers_heading: "Carreras que coinciden con sus intereses",
    careers_in_zone: "Carreras en la zona laboral {zone}",
    estimate: "Estimación sin conexión de Waypoint",
    estimate_note: "calculada en este equipo con datos de O*NET, no por O*NET.",
    source_api: "Coincidencias de O*NET Web Services.",
    col_career: "Carrera",
    col_code: "O*NET-SOC",
    col_fit: "Ajuste",
    col_outlook: "Perspectiva brillante",
    yes: "Sí",
    fits: ["Excelente", "Muy bueno", "Bueno"],
    more_rows: "Se muestran las {shown} primeras de {total} carreras.",
    no_rows: "Ninguna carrera coincide en esta zona laboral.",
    no_careers: "No hay lista de carreras disponible.",
    qr_caption: "Sus respuestas",
    notice: "Estos resultados sirven para explorar carreras, no para evaluar ni seleccionar personas.",
    months: [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    doc_title: "Waypoint: resultados del Perfil de Intereses",
};

pub(crate) fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::En => &EN,
        Lang::Es => &ES,
    }
}

pub(crate) fn form_name(lang: Lang, form: Form) -> &'static str {
    let t = texts(lang);
    match form {
        Form::Ip60 => t.forms[0],
        Form::Ip30 => t.forms[1],
        Form::Typed => t.forms[2],
    }
}

pub(crate) fn fit_name(lang: Lang, fit: Fit) -> &'static str {
    let t = texts(lang);
    match fit {
        Fit::Best => t.fits[0],
        Fit::Great => t.fits[1],
        Fit::Good => t.fits[2],
    }
}

pub(crate) fn date(lang: Lang, d: ReportDate) -> String {
    let month = texts(lang).months[usize::from(d.month.clamp(1, 12)) - 1];
    match lang {
        Lang::En => format!("{month} {}, {}", d.day, d.year),
        Lang::Es => format!("{} de {month} de {}", d.day, d.year),
    }
}

pub(crate) fn area_name(lang: Lang, area: Area) -> &'static str {
    match lang {
        Lang::En => area.name(),
        Lang::Es => match area {
            Area::Realistic => "Realista",
            Area::Investigative => "Investigador",
            Area::Artistic => "Artístico",
            Area::Social => "Social",
            Area::Enterprising => "Emprendedor",
            Area::Conventional => "Convencional",
        },
    }
}

pub(crate) fn area_description(lang: Lang, area: Area) -> &'static str {
    match lang {
        Lang::En => &instrument::area_info(area).description,
        Lang::Es => match area {
            Area::Realistic => "Trabajo práctico y manual con herramientas, máquinas, materiales, plantas o animales: construir, reparar y manejar cosas, a menudo al aire libre o en entornos físicos, con menos papeleo y menos trato con personas.",
            Area::Investigative => "Trabajo centrado en las ideas y en entender cómo funcionan las cosas: investigar, analizar y resolver problemas de ciencia, medicina, tecnología o del estudio de las personas, más que dirigir a otros o hacer trabajo físico.",
            Area::Artistic => "Crear y expresarse: arte, música, escritura, actuación, medios, diseño o cocina, en entornos abiertos donde la originalidad importa más que seguir reglas fijas.",
            Area::Social => "Trabajar con y para las personas: enseñar, ayudar, orientar, cuidar, aconsejar o atender a otros, con las personas, y no los objetos o los datos, en el centro del trabajo.",
            Area::Enterprising => "Dirigir, convencer y decidir: crear y llevar negocios, vender, negociar, gestionar personas o proyectos y asumir riesgos para lograr resultados.",
            Area::Conventional => "Trabajo ordenado y detallista que sigue procedimientos establecidos: organizar registros, datos e información con precisión, por lo general en una oficina o empresa con reglas claras.",
        },
    }
}

/// Title and a one-line summary (education, typical work) of a Job Zone, 1–5.
pub(crate) fn zone_texts(lang: Lang, zone: u8) -> Option<(String, String)> {
    let jz = instrument::job_zone(zone)?;
    Some(match lang {
        Lang::En => (
            jz.title.clone(),
            format!("{} {}", jz.education, jz.typical_work),
        ),
        Lang::Es => {
            let (title, summary) = match zone {
                1 => ("Zona laboral 1: se necesita poca o ninguna preparación",
                      "Como mucho, un diploma de secundaria para algunos empleos; muchos no piden ninguno. Seguir instrucciones y ayudar a otros."),
                2 => ("Zona laboral 2: se necesita algo de preparación",
                      "Por lo general, un diploma de secundaria. Aplicar conocimientos y habilidades del oficio para ayudar o atender a otros."),
                3 => ("Zona laboral 3: se necesita preparación media",
                      "Por lo general, formación profesional, experiencia práctica relacionada o un título técnico de dos años. Usar la comunicación y la organización para coordinar, supervisar o formar a otros."),
                4 => ("Zona laboral 4: se necesita bastante preparación",
                      "La mayoría pide un título universitario de cuatro años, aunque no todos. A menudo, coordinar, supervisar, dirigir o formar a otros."),
                _ => ("Zona laboral 5: se necesita una preparación amplia",
                      "La mayoría pide estudios de posgrado (maestría, doctorado, medicina o derecho). Coordinar y dirigir el trabajo de otros, con habilidades muy avanzadas de comunicación y organización."),
            };
            (title.to_string(), summary.to_string())
        }
    })
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
