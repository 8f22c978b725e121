//! Routing and JSON bodies, following `shared/onet-api-v2.md` path by path.

use crate::data::{self, Item, JobZone, Occupation, Rng, AREAS, AREA_DESCRIPTIONS, AREA_TITLES};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

pub enum ApiError {
    /// 422 with `{"error": msg}`, as the contract's ParameterError.
    Unprocessable(String),
    /// 404 for paths the API does not have.
    NotFound,
}

type R<T> = Result<T, ApiError>;

fn unprocessable<T>(msg: impl Into<String>) -> R<T> {
    Err(ApiError::Unprocessable(msg.into()))
}

pub struct Table {
    id: &'static str,
    title: &'static str,
    description: &'static str,
    /// (column_id, title, type, format, optional, description)
    columns: Vec<(&'static str, &'static str, &'static str, &'static str, bool)>,
    rows: Vec<Map<String, Value>>,
}

pub struct Data {
    pub ip60: Vec<Item>,
    pub ip30: Vec<Item>,
    pub zones: Vec<JobZone>,
    pub occupations: Vec<Occupation>,
    by_code: HashMap<String, usize>,
    tables: Vec<Table>,
}

impl Data {
    pub fn load() -> Self {
        let occupations = data::occupations();
        let by_code = occupations
            .iter()
            .enumerate()
            .map(|(i, o)| (o.code.clone(), i))
            .collect();
        let zones = data::job_zones();
        let tables = build_tables(&occupations, &zones);
        Data {
            ip60: data::ip60(),
            ip30: data::ip30(),
            zones,
            occupations,
            by_code,
            tables,
        }
    }
}

pub struct Ctx<'a> {
    pub base: &'a str,
    pub page_cap: usize,
    pub data: &'a Data,
}

#[derive(Clone, Copy, PartialEq)]
enum Lang {
    En,
    Es,
}

impl Lang {
    fn prefix(self) -> &'static str {
        match self {
            Lang::En => "mnm",
            Lang::Es => "mpp",
        }
    }
    /// Spanish is synthetic on purpose: the fake only needs to prove the
    /// client asks `mpp/` and shows what it gets.
    fn tr(self, s: &str) -> String {
        match self {
            Lang::En => s.to_string(),
            Lang::Es => format!("[es] {s}"),
        }
    }
}

struct Query(Vec<(String, String)>);

impl Query {
    fn parse(q: &str) -> Self {
        Query(form_urlencoded::parse(q.as_bytes()).into_owned().collect())
    }
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }
    /// Integer parameter with bounds; 422 with a sentence naming it otherwise.
    fn int(&self, name: &str, min: i64, max: Option<i64>) -> R<Option<i64>> {
        let Some(raw) = self.get(name) else {
            return Ok(None);
        };
        let bad = || match max {
            Some(max) => {
                format!("The parameter \"{name}\" must be an integer from {min} to {max}.")
            }
            None => format!("The parameter \"{name}\" must be an integer of at least {min}."),
        };
        let v: i64 = raw
            .trim()
            .parse()
            .map_err(|_| ApiError::Unprocessable(bad()))?;
        if v < min || max.is_some_and(|m| v > m) {
            return unprocessable(bad());
        }
        Ok(Some(v))
    }
}

pub fn route(ctx: &Ctx, path: &str, query: &str) -> R<Value> {
    let q = Query::parse(query);
    let seg: Vec<&str> = path.split('/').collect();
    let base = ctx.base;
    match seg.as_slice() {
        ["about"] => Ok(json!({
            "api_version": "2.0",
            "taxonomy": { "name": "O*NET-SOC 2019", "url": "https://www.onetcenter.org/taxonomy.html" },
            "database": { "name": "Waypoint test server (synthetic data, not O*NET)", "url": "https://www.onetcenter.org/database.html" }
        })),
        [l @ ("mnm" | "mpp")] => Ok(json!([
            { "href": format!("{base}{l}/interestprofiler/"), "title": "Interest Profiler" },
            { "href": format!("{base}{l}/careers/"), "title": "Careers" }
        ])),
        [l @ ("mnm" | "mpp"), rest @ ..] => {
            let lang = if *l == "mnm" { Lang::En } else { Lang::Es };
            match rest {
                ["interestprofiler"] => Ok(json!(
                    ["questions", "questions_30", "results", "careers", "job_zones", "interests/"]
                        .iter()
                        .map(|p| json!({ "href": format!("{base}{l}/interestprofiler/{p}"), "title": p.trim_end_matches('/') }))
                        .collect::<Vec<_>>()
                )),
                ["interestprofiler", "questions"] => questions(ctx, lang, &q, false),
                ["interestprofiler", "questions_30"] => questions(ctx, lang, &q, true),
                ["interestprofiler", "results"] => results(ctx, lang, &q),
                ["interestprofiler", "job_zones"] => Ok(job_zones(ctx, lang)),
                ["interestprofiler", "careers"] => matching_careers(ctx, lang, &q),
                ["interestprofiler", "interests"] => Ok(interests(ctx, lang)),
                ["interestprofiler", "interests", area] => area_careers(ctx, lang, area, &q),
                ["search"] => search(ctx, lang, &q),
                ["careers"] => {
                    let rows = ctx
                        .data
                        .occupations
                        .iter()
                        .map(|o| career_ref(ctx, lang, o))
                        .collect();
                    paged(ctx, &format!("{l}/careers/"), &q, rows, "career", 20, Map::new())
                }
                ["careers", code] => overview(ctx, lang, occupation(ctx, code)?),
                ["careers", code, section] => {
                    let occ = occupation(ctx, code)?;
                    report_section(ctx, lang, occ, section, &q)
                }
                _ => Err(ApiError::NotFound),
            }
        }
        ["database"] => Ok(Value::Array(
            ctx.data
                .tables
                .iter()
                .map(|t| {
                    json!({
                        "table_id": t.id, "title": t.title, "description": t.description,
                        "info": format!("{base}database/info/{}", t.id),
                        "rows": format!("{base}database/rows/{}", t.id),
                    })
                })
                .collect(),
        )),
        ["database", "info", id] => {
            let t = table(ctx, id)?;
            Ok(json!({
                "table_id": t.id, "title": t.title, "description": t.description,
                "rows": format!("{base}database/rows/{}", t.id),
                "data_dictionary": format!("https://www.onetcenter.org/dictionary/30.0/text/{}.html", t.id),
                "download": { "text": format!("https://www.onetcenter.org/dl_files/database/{}.txt", t.id) },
                "column": t.columns.iter().map(|(id, title, ty, format, optional)| json!({
                    "column_id": id, "title": title, "type": ty, "format": format,
                    "optional": optional, "description": title,
                })).collect::<Vec<_>>(),
            }))
        }
        ["database", "rows", id] => db_rows(ctx, id, &q),
        _ => Err(ApiError::NotFound),
    }
}

fn paged(
    ctx: &Ctx,
    canonical_path: &str,
    q: &Query,
    items: Vec<Value>,
    key: &str,
    default_size: usize,
    mut extra: Map<String, Value>,
) -> R<Value> {
    let start = q.int("start", 1, None)?.unwrap_or(1) as usize;
    let end_req = q.int("end", 1, None)?.map(|e| e as usize);
    if let Some(e) = end_req {
        if e < start {
            return unprocessable(format!(
                "The parameter \"end\" ({e}) must not be less than \"start\" ({start})."
            ));
        }
    }
    let total = items.len();
    if start > total && !(total == 0 && start == 1) {
        return unprocessable(format!(
            "The parameter \"start\" ({start}) is past the last result ({total})."
        ));
    }
    let size = end_req
        .map(|e| e - start + 1)
        .unwrap_or(default_size)
        .min(ctx.page_cap);
    let end = (start + size - 1).min(total);
    let rows: Vec<Value> = if total == 0 {
        Vec::new()
    } else {
        items[start - 1..end].to_vec()
    };
    let link = |s: usize, e: usize| {
        let mut ser = form_urlencoded::Serializer::new(String::new());
        for (k, v) in q.0.iter().filter(|(k, _)| k != "start" && k != "end") {
            ser.append_pair(k, v);
        }
        ser.append_pair("start", &s.to_string());
        ser.append_pair("end", &e.to_string());
        format!("{}{}?{}", ctx.base, canonical_path, ser.finish())
    };
    let mut out = Map::new();
    out.insert("start".into(), json!(start));
    out.insert("end".into(), json!(end));
    out.insert("total".into(), json!(total));
    if start > 1 {
        let ps = start.saturating_sub(size).max(1);
        out.insert("prev".into(), json!(link(ps, start - 1)));
    }
    if end < total {
        out.insert("next".into(), json!(link(end + 1, end + size)));
    }
    out.append(&mut extra);
    out.insert(key.into(), Value::Array(rows));
    Ok(Value::Object(out))
}

fn questions(ctx: &Ctx, lang: Lang, q: &Query, mini: bool) -> R<Value> {
    let items = if mini { &ctx.data.ip30 } else { &ctx.data.ip60 };
    let rows = items
        .iter()
        .map(|i| json!({ "index": i.index, "area": AREAS[i.area], "text": lang.tr(&i.text) }))
        .collect();
    let mut extra = Map::new();
    extra.insert(
        "answer_option".into(),
        Value::Array(
            data::ANSWER_OPTIONS
                .iter()
                .enumerate()
                .map(|(n, name)| json!({ "value": n + 1, "name": lang.tr(name) }))
                .collect(),
        ),
    );
    let path = format!(
        "{}/interestprofiler/{}",
        lang.prefix(),
        if mini { "questions_30" } else { "questions" }
    );
    // 12 per page by default, as the 1.9 API did for these lists.
    paged(ctx, &path, q, rows, "question", 12, extra)
}

fn check_answers(answers: &str) -> R<()> {
    let ok = (answers.len() == 30 || answers.len() == 60)
        && answers.bytes().all(|b| (b'1'..=b'5').contains(&b));
    if ok {
        Ok(())
    } else {
        unprocessable(
            "The parameter \"answers\" must be exactly 30 or 60 digits, each from 1 to 5.",
        )
    }
}

fn results(ctx: &Ctx, lang: Lang, q: &Query) -> R<Value> {
    let Some(answers) = q.get("answers") else {
        return unprocessable("The required parameter \"answers\" was not provided.");
    };
    check_answers(answers)?;
    let scores = data::score(answers, &ctx.data.ip60, &ctx.data.ip30)
        .ok_or_else(|| ApiError::Unprocessable("answers could not be scored".into()))?;
    let l = lang.prefix();
    let result: Vec<Value> = (0..6)
        .map(|i| {
            json!({
                "href": format!("{}{l}/interestprofiler/interests/{}", ctx.base, AREAS[i]),
                "code": AREAS[i],
                "title": lang.tr(AREA_TITLES[i]),
                "description": lang.tr(AREA_DESCRIPTIONS[i]),
                "score": scores[i],
            })
        })
        .collect();
    Ok(json!({
        "careers": format!("{}{l}/interestprofiler/careers?answers={answers}", ctx.base),
        "result": result,
    }))
}

fn job_zones(ctx: &Ctx, lang: Lang) -> Value {
    Value::Array(
        ctx.data
            .zones
            .iter()
            .map(|z| {
                json!({
                    "code": z.code, "title": lang.tr(&z.title),
                    "experience": lang.tr(&z.experience), "training": lang.tr(&z.training),
                    "education": lang.tr(&z.education), "examples": lang.tr(&z.examples),
                    "svp_range": z.svp_range,
                })
            })
            .collect(),
    )
}

fn interests(ctx: &Ctx, lang: Lang) -> Value {
    Value::Array(
        (0..6)
            .map(|i| {
                json!({
                    "href": format!("{}{}/interestprofiler/interests/{}", ctx.base, lang.prefix(), AREAS[i]),
                    "code": AREAS[i],
                    "title": lang.tr(AREA_TITLES[i]),
                    "description": lang.tr(AREA_DESCRIPTIONS[i]),
                })
            })
            .collect(),
    )
}

fn career_ref(ctx: &Ctx, lang: Lang, o: &Occupation) -> Value {
    json!({
        "href": format!("{}{}/careers/{}/", ctx.base, lang.prefix(), o.code),
        "code": o.code,
        "title": lang.tr(&o.title),
        "tags": { "bright_outlook": o.bright_outlook },
    })
}

fn zone_param(q: &Query) -> R<Option<u8>> {
    Ok(q.int("zone", 1, Some(5))?.map(|z| z as u8))
}

fn matching_careers(ctx: &Ctx, lang: Lang, q: &Query) -> R<Value> {
    let answers = q.get("answers");
    let given: Vec<usize> = (0..6).filter(|&i| q.get(AREAS[i]).is_some()).collect();
    let person: [f64; 6] = match (answers, given.len()) {
        (Some(_), n) if n > 0 => {
            return unprocessable("Provide either \"answers\" or the six area scores, not both.")
        }
        (Some(a), _) => {
            check_answers(a)?;
            let s = data::score(a, &ctx.data.ip60, &ctx.data.ip30)
                .ok_or_else(|| ApiError::Unprocessable("answers could not be scored".into()))?;
            s.map(f64::from)
        }
        (None, 0) => {
            return unprocessable(
                "The required parameter \"answers\" (or all six area scores) was not provided.",
            )
        }
        (None, 6) => {
            let mut s = [0.0; 6];
            for (i, v) in s.iter_mut().enumerate() {
                *v = q.int(AREAS[i], 0, None)?.unwrap_or(0) as f64;
            }
            s
        }
        (None, _) => {
            let missing: Vec<&str> = (0..6)
                .filter(|i| !given.contains(i))
                .map(|i| AREAS[i])
                .collect();
            return unprocessable(format!(
                "All six area scores are required; missing: {}.",
                missing.join(", ")
            ));
        }
    };
    let zone = zone_param(q)?;
    let mut ranked: Vec<(f64, &Occupation)> = Vec::new();
    for o in &ctx.data.occupations {
        if zone.is_some_and(|z| z != o.job_zone) {
            continue;
        }
        let Some(r) = data::correlation(&person, &o.interests) else {
            return unprocessable(
                "All interest scores are equal; a flat profile cannot be matched to careers.",
            );
        };
        if data::fit_for(r).is_some() {
            ranked.push((r, o));
        }
    }
    ranked.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap().then(a.1.code.cmp(&b.1.code)));
    let rows = ranked
        .into_iter()
        .map(|(r, o)| {
            let mut v = career_ref(ctx, lang, o);
            v["fit"] = json!(data::fit_for(r));
            v
        })
        .collect();
    let path = format!("{}/interestprofiler/careers", lang.prefix());
    paged(ctx, &path, q, rows, "career", 20, Map::new())
}

fn area_careers(ctx: &Ctx, lang: Lang, area: &str, q: &Query) -> R<Value> {
    let Some(ai) = AREAS.iter().position(|a| a == &area) else {
        return unprocessable(format!(
            "\"{area}\" is not an interest area (use one of: {}).",
            AREAS.join(", ")
        ));
    };
    let zone = zone_param(q)?;
    let mut list: Vec<&Occupation> = ctx
        .data
        .occupations
        .iter()
        .filter(|o| data::high_points(&o.interests)[0] == ai)
        .filter(|o| zone.is_none_or(|z| z == o.job_zone))
        .collect();
    list.sort_by(|a, b| {
        b.interests[ai]
            .partial_cmp(&a.interests[ai])
            .unwrap()
            .then(a.code.cmp(&b.code))
    });
    let rows = list.into_iter().map(|o| career_ref(ctx, lang, o)).collect();
    let path = format!("{}/interestprofiler/interests/{area}", lang.prefix());
    paged(ctx, &path, q, rows, "career", 20, Map::new())
}

/// The "also called" titles of an occupation, with whether My Next Move shows it in the
/// summary: what the overview lists, the search matches and the reported-titles table holds.
pub fn also_called(o: &Occupation) -> Vec<(String, bool)> {
    vec![
        (format!("{} (synthetic)", o.title), true),
        (format!("Senior {}", o.title), false),
    ]
}

/// Longest keyword the fake accepts; the contract sets none, so this is Waypoint's own
/// limit (the client refuses longer ones before sending).
pub const MAX_KEYWORD_CHARS: usize = 100;

/// `…/search?keyword=`: careers whose title or "also called" title holds the keyword,
/// ignoring case, titles matches first. Wildcards and quotes are plain characters.
fn search(ctx: &Ctx, lang: Lang, q: &Query) -> R<Value> {
    let Some(raw) = q.get("keyword") else {
        return unprocessable("The required parameter \"keyword\" was not provided.");
    };
    let keyword = raw.trim().to_lowercase();
    if keyword.is_empty() {
        return unprocessable("The parameter \"keyword\" must not be empty.");
    }
    if keyword.chars().count() > MAX_KEYWORD_CHARS {
        return unprocessable(format!(
            "The parameter \"keyword\" must be at most {MAX_KEYWORD_CHARS} characters."
        ));
    }
    let mut by_title: Vec<&Occupation> = Vec::new();
    let mut by_other: Vec<&Occupation> = Vec::new();
    for o in &ctx.data.occupations {
        if lang.tr(&o.title).to_lowercase().contains(&keyword) {
            by_title.push(o);
        } else if also_called(o)
            .iter()
            .any(|(t, _)| lang.tr(t).to_lowercase().contains(&keyword))
        {
            by_other.push(o);
        }
    }
    by_title.sort_by(|a, b| a.title.cmp(&b.title).then(a.code.cmp(&b.code)));
    by_other.sort_by(|a, b| a.title.cmp(&b.title).then(a.code.cmp(&b.code)));
    let rows = by_title
        .into_iter()
        .chain(by_other)
        .map(|o| career_ref(ctx, lang, o))
        .collect();
    let path = format!("{}/search", lang.prefix());
    paged(ctx, &path, q, rows, "career", 20, Map::new())
}

fn valid_code(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            2 => *c == b'-',
            7 => *c == b'.',
            _ => c.is_ascii_digit(),
        })
}

fn occupation<'a>(ctx: &'a Ctx, code: &str) -> R<&'a Occupation> {
    if !valid_code(code) {
        return unprocessable(format!(
            "\"{code}\" is not a valid O*NET-SOC code (expected a form like 15-1252.00)."
        ));
    }
    match ctx.data.by_code.get(code) {
        Some(&i) => Ok(&ctx.data.occupations[i]),
        None => unprocessable(format!(
            "O*NET-SOC code {code} was not found or is no longer current."
        )),
    }
}

fn overview(ctx: &Ctx, lang: Lang, o: &Occupation) -> R<Value> {
    let l = lang.prefix();
    let mut v = json!({
        "code": o.code,
        "title": lang.tr(&o.title),
        "tags": { "bright_outlook": o.bright_outlook },
        "also_called": also_called(o)
            .into_iter()
            .map(|(t, summary)| json!({ "title": lang.tr(&t), "summary": summary }))
            .collect::<Vec<_>>(),
        "what_they_do": lang.tr(&format!("Synthetic occupation for tests: {} plan, carry out and check work in their field.", o.title)),
        "on_the_job": [
            lang.tr("Plan daily work and keep records."),
            lang.tr("Check results against standards."),
            lang.tr("Explain findings to coworkers or clients."),
        ],
        "career_video": o.seed % 3 == 0,
        "contents": data::SECTIONS.iter().map(|(p, t)| json!({
            "href": format!("{}{l}/careers/{}/{p}", ctx.base, o.code),
            "title": lang.tr(t),
        })).collect::<Vec<_>>(),
    });
    // mpp's overview schema forbids word_cloud_terms (contract §6).
    if lang == Lang::En {
        let word = o.title.split(' ').next().unwrap_or("work").to_lowercase();
        v["word_cloud_terms"] = json!([word, "planning", "records"]);
    }
    Ok(v)
}

fn element_groups(lang: Lang, catalogue: data::Catalogue, rng: &mut Rng) -> Value {
    let n = 2 + rng.below(2) as usize;
    let first = rng.below(catalogue.len() as u64) as usize;
    Value::Array(
        (0..n.min(catalogue.len()))
            .map(|k| {
                let (id, name, elements) = catalogue[(first + k) % catalogue.len()];
                let m = 1 + rng.below(elements.len() as u64) as usize;
                json!({
                    "id": id,
                    "name": lang.tr(name),
                    "element": elements[..m].iter().map(|(eid, en)| json!({ "id": eid, "name": lang.tr(en) })).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}

fn report_section(ctx: &Ctx, lang: Lang, o: &Occupation, section: &str, q: &Query) -> R<Value> {
    let mut rng = Rng::new(o.seed.wrapping_mul(31).wrapping_add(section.len() as u64));
    let l = lang.prefix();
    let base = ctx.base;
    match section {
        "knowledge" => Ok(element_groups(lang, data::KNOWLEDGE, &mut rng)),
        "skills" => Ok(element_groups(lang, data::SKILLS, &mut rng)),
        "abilities" => Ok(element_groups(lang, data::ABILITIES, &mut rng)),
        "personality" => {
            let top = data::high_points(&o.interests)[0];
            let first = rng.below(data::WORK_STYLES.len() as u64) as usize;
            let styles: Vec<Value> = (0..4)
                .map(|k| {
                    let (id, name) = data::WORK_STYLES[(first + k) % data::WORK_STYLES.len()];
                    json!({ "id": id, "name": lang.tr(name) })
                })
                .collect();
            Ok(json!({
                "top_interest": {
                    "id": data::AREA_ELEMENT_IDS[top],
                    "name": lang.tr(AREA_TITLES[top]),
                    "description": lang.tr(AREA_DESCRIPTIONS[top]),
                },
                "work_styles": styles,
            }))
        }
        "technology" => {
            let first = rng.below(data::TECHNOLOGY.len() as u64) as usize;
            Ok(Value::Array(
                (0..2)
                    .map(|k| {
                        let (code, title, examples) =
                            data::TECHNOLOGY[(first + k) % data::TECHNOLOGY.len()];
                        json!({
                            "code": code,
                            "title": lang.tr(title),
                            "example": examples.iter().map(|e| json!({
                                "title": e,
                                "hot_technology": rng.below(2) == 0,
                                "in_demand": rng.below(3) == 0,
                                "percentage": rng.below(101),
                            })).collect::<Vec<_>>(),
                        })
                    })
                    .collect(),
            ))
        }
        "education" => {
            let z = &ctx.data.zones[(o.job_zone - 1) as usize];
            Ok(json!({
                "job_zone": {
                    "href": format!("{base}{l}/job_preparation/{}", z.code),
                    "code": z.code,
                    "title": lang.tr(&z.title),
                    "experience": lang.tr(&z.experience),
                    "training": lang.tr(&z.training),
                    "education": lang.tr(&z.education),
                },
                "education_usually_needed": [lang.tr(data::EDUCATION_BY_ZONE[(o.job_zone - 1) as usize])],
            }))
        }
        "job_outlook" => {
            let category = if o.bright_outlook {
                "Bright"
            } else if rng.below(2) == 0 {
                "Average"
            } else {
                "Below Average"
            };
            let median = 28_000 + rng.below(120_000);
            let p10 = median * 6 / 10;
            let p90 = median * 17 / 10;
            let hourly = |a: u64| ((a as f64 / 2080.0) * 100.0).round() / 100.0;
            let mut salary = json!({
                "soc_code": &o.code[..7],
                "annual_10th_percentile": p10,
                "annual_median": median,
                "hourly_10th_percentile": hourly(p10),
                "hourly_median": hourly(median),
            });
            // Top-coded values use the `_over` twin, as the contract suggests.
            if p90 >= 239_200 {
                salary["annual_90th_percentile_over"] = json!(239_200);
                salary["hourly_90th_percentile_over"] = json!(115.0);
            } else {
                salary["annual_90th_percentile"] = json!(p90);
                salary["hourly_90th_percentile"] = json!(hourly(p90));
            }
            let mut v = json!({
                "outlook": {
                    "category": lang.tr(category),
                    "description": lang.tr(&format!("{category} outlook (synthetic test data).")),
                },
                "salary": salary,
            });
            if o.bright_outlook {
                v["bright_outlook"] = json!([{
                    "href": format!("{base}{l}/bright_outlook/openings"),
                    "code": "openings",
                    "title": lang.tr("Lots of job openings"),
                }]);
            }
            Ok(v)
        }
        "check_out_my_state" => {
            let sort = q.get("sort").unwrap_or("name");
            let mut states: Vec<(usize, &str, &str)> = data::STATES
                .iter()
                .map(|(c, n)| (rng.below(3) as usize, *c, *n))
                .collect();
            match sort {
                "name" => states.sort_by(|a, b| a.2.cmp(b.2)),
                "job_outlook" => states.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.cmp(b.2))),
                other => {
                    return unprocessable(format!(
                    "The parameter \"sort\" must be \"name\" or \"job_outlook\", not \"{other}\"."
                ))
                }
            }
            Ok(Value::Array(
                states
                    .into_iter()
                    .map(|(o, c, n)| json!({ "code": c, "name": n, "job_outlook": lang.tr(data::STATE_OUTLOOKS[o]) }))
                    .collect(),
            ))
        }
        "explore_more" => {
            let n = ctx.data.occupations.len();
            let idx = o.seed as usize;
            let careers: Vec<Value> = [1, 7, 13]
                .iter()
                .map(|d| career_ref(ctx, lang, &ctx.data.occupations[(idx + d) % n]))
                .collect();
            let first = rng.below(data::INDUSTRIES.len() as u64) as usize;
            let industries: Vec<Value> = (0..2)
                .map(|k| {
                    let (code, title) = data::INDUSTRIES[(first + k) % data::INDUSTRIES.len()];
                    json!({
                        "code": code,
                        "title": lang.tr(title),
                        "most_people": format!("{base}{l}/industries/{code}?category=most"),
                    })
                })
                .collect();
            Ok(json!({ "careers": careers, "industries": industries }))
        }
        _ => Err(ApiError::NotFound),
    }
}

fn build_tables(occ: &[Occupation], zones: &[JobZone]) -> Vec<Table> {
    let obj = |pairs: Vec<(&str, Value)>| -> Map<String, Value> {
        pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    };
    let date = json!("08/2025");
    let source = json!("Synthetic");
    let occupation_rows = occ
        .iter()
        .map(|o| {
            obj(vec![
                ("onetsoc_code", json!(o.code)),
                ("title", json!(o.title)),
                (
                    "description",
                    json!(format!("Synthetic occupation: {}.", o.title)),
                ),
            ])
        })
        .collect();
    let mut interest_rows = Vec::new();
    for o in occ {
        for (i, value) in o.interests.iter().enumerate() {
            interest_rows.push(obj(vec![
                ("onetsoc_code", json!(o.code)),
                ("title", json!(o.title)),
                ("element_id", json!(data::AREA_ELEMENT_IDS[i])),
                ("element_name", json!(AREA_TITLES[i])),
                ("scale_id", json!("OI")),
                ("scale_name", json!("Occupational Interests")),
                ("data_value", json!(value)),
                ("date_updated", date.clone()),
                ("domain_source", source.clone()),
            ]));
        }
        let hp = data::high_points(&o.interests);
        for (k, (id, name)) in [
            ("1.B.1.g", "First Interest High-Point"),
            ("1.B.1.h", "Second Interest High-Point"),
            ("1.B.1.i", "Third Interest High-Point"),
        ]
        .iter()
        .enumerate()
        {
            interest_rows.push(obj(vec![
                ("onetsoc_code", json!(o.code)),
                ("title", json!(o.title)),
                ("element_id", json!(id)),
                ("element_name", json!(name)),
                ("scale_id", json!("IH")),
                ("scale_name", json!("Occupational Interest High-Point")),
                ("data_value", json!((hp[k] + 1) as f64)),
                ("date_updated", date.clone()),
                ("domain_source", source.clone()),
            ]));
        }
    }
    let zone_rows = occ
        .iter()
        .map(|o| {
            obj(vec![
                ("onetsoc_code", json!(o.code)),
                ("title", json!(o.title)),
                ("job_zone", json!(o.job_zone)),
                ("date_updated", date.clone()),
                ("domain_source", source.clone()),
            ])
        })
        .collect();
    let reference_rows = zones
        .iter()
        .map(|z| {
            obj(vec![
                ("job_zone", json!(z.code)),
                ("name", json!(z.title)),
                ("experience", json!(z.experience)),
                ("education", json!(z.education)),
                ("job_training", json!(z.training)),
                ("examples", json!(z.examples)),
                ("svp_range", json!(z.svp_range)),
            ])
        })
        .collect();
    let mut reported_rows = Vec::new();
    for o in occ {
        for (t, shown) in also_called(o) {
            reported_rows.push(obj(vec![
                ("onetsoc_code", json!(o.code)),
                ("title", json!(o.title)),
                ("reported_job_title", json!(t)),
                (
                    "shown_in_my_next_move",
                    json!(if shown { "Y" } else { "N" }),
                ),
            ]));
        }
    }
    let code_col = (
        "onetsoc_code",
        "O*NET-SOC Code",
        "Text",
        "Character(10)",
        false,
    );
    let title_col = ("title", "Title", "Text", "Character Varying(150)", false);
    let date_col = ("date_updated", "Date", "Date", "Date", false);
    let source_col = (
        "domain_source",
        "Domain Source",
        "Text",
        "Character Varying(30)",
        false,
    );
    vec![
        Table {
            id: "occupation_data",
            title: "Occupation Data",
            description: "Titles and descriptions of the (synthetic) occupations.",
            columns: vec![
                code_col,
                title_col,
                (
                    "description",
                    "Description",
                    "Text",
                    "Character Varying(1000)",
                    false,
                ),
            ],
            rows: occupation_rows,
        },
        Table {
            id: "interests",
            title: "Interests",
            description: "Interest profiles (OI) and high-point codes (IH) per occupation.",
            columns: vec![
                code_col,
                title_col,
                (
                    "element_id",
                    "Element ID",
                    "Text",
                    "Character Varying(20)",
                    false,
                ),
                (
                    "element_name",
                    "Element Name",
                    "Text",
                    "Character Varying(150)",
                    false,
                ),
                (
                    "scale_id",
                    "Scale ID",
                    "Text",
                    "Character Varying(3)",
                    false,
                ),
                (
                    "scale_name",
                    "Scale Name",
                    "Text",
                    "Character Varying(50)",
                    false,
                ),
                ("data_value", "Data Value", "Number", "Decimal(5,2)", false),
                date_col,
                source_col,
            ],
            rows: interest_rows,
        },
        Table {
            id: "job_zones",
            title: "Job Zones",
            description: "The Job Zone of each occupation.",
            columns: vec![
                code_col,
                title_col,
                ("job_zone", "Job Zone", "Number", "Integer(1)", false),
                date_col,
                source_col,
            ],
            rows: zone_rows,
        },
        Table {
            id: "sample_of_reported_titles",
            title: "Sample of Reported Titles",
            description: "Job titles reported by workers, and whether My Next Move shows each.",
            columns: vec![
                code_col,
                title_col,
                (
                    "reported_job_title",
                    "Reported Job Title",
                    "Text",
                    "Character Varying(150)",
                    false,
                ),
                (
                    "shown_in_my_next_move",
                    "Shown in My Next Move",
                    "Text",
                    "Character(1)",
                    false,
                ),
            ],
            rows: reported_rows,
        },
        Table {
            id: "job_zone_reference",
            title: "Job Zone Reference",
            description: "What each Job Zone means.",
            columns: vec![
                ("job_zone", "Job Zone", "Number", "Integer(1)", false),
                ("name", "Name", "Text", "Character Varying(50)", false),
                (
                    "experience",
                    "Experience",
                    "Text",
                    "Character Varying(300)",
                    false,
                ),
                (
                    "education",
                    "Education",
                    "Text",
                    "Character Varying(500)",
                    false,
                ),
                (
                    "job_training",
                    "Job Training",
                    "Text",
                    "Character Varying(300)",
                    false,
                ),
                (
                    "examples",
                    "Examples",
                    "Text",
                    "Character Varying(500)",
                    false,
                ),
                (
                    "svp_range",
                    "SVP Range",
                    "Text",
                    "Character Varying(25)",
                    false,
                ),
            ],
            rows: reference_rows,
        },
    ]
}

fn table<'a>(ctx: &'a Ctx, id: &str) -> R<&'a Table> {
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return unprocessable(format!("\"{id}\" is not a valid table ID."));
    }
    ctx.data
        .tables
        .iter()
        .find(|t| t.id == id)
        .ok_or_else(|| ApiError::Unprocessable(format!("Table \"{id}\" does not exist.")))
}

fn is_word(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// "MM/YYYY" or "YYYY-MM[-DD]" → YYYYMM, for the date operators.
fn date_key(s: &str) -> Option<u32> {
    if let Some((m, y)) = s.split_once('/') {
        return Some(y.parse::<u32>().ok()? * 100 + m.parse::<u32>().ok()?);
    }
    let mut it = s.split('-');
    let y: u32 = it.next()?.parse().ok()?;
    let m: u32 = it.next()?.parse().ok()?;
    Some(y * 100 + m)
}

fn as_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn cmp_values(a: &Value, b: &Value) -> std::cmp::Ordering {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal),
        _ => as_text(a).to_lowercase().cmp(&as_text(b).to_lowercase()),
    }
}

struct Filter {
    column: String,
    negate: bool,
    op: String,
    value: Option<String>,
}

const VALUE_OPS: [&str; 12] = [
    "eq",
    "contains",
    "startswith",
    "endswith",
    "lt",
    "lte",
    "gt",
    "gte",
    "before",
    "onbefore",
    "after",
    "onafter",
];

fn parse_filter(raw: &str, t: &Table) -> R<Filter> {
    let bad = || {
        ApiError::Unprocessable(format!(
            "The filter \"{raw}\" is not of the form column.operator.value."
        ))
    };
    let (column, rest) = raw.split_once('.').ok_or_else(bad)?;
    if !is_word(column) {
        return Err(bad());
    }
    let (op_part, value) = match rest.split_once('.') {
        Some((o, v)) => (o, Some(v.to_string())),
        None => (rest, None),
    };
    let (negate, op) = match op_part {
        "na" => (false, "na"),
        "nna" => (true, "na"),
        o if VALUE_OPS.contains(&o) => (false, o),
        o if o.starts_with('n') && VALUE_OPS.contains(&&o[1..]) => (true, &o[1..]),
        _ => return Err(bad()),
    };
    if (op == "na") != value.is_none() || value.as_deref() == Some("") {
        return Err(bad());
    }
    if !t.columns.iter().any(|c| c.0 == column) {
        return unprocessable(format!(
            "The filter column \"{column}\" does not exist in table \"{}\".",
            t.id
        ));
    }
    if matches!(op, "before" | "onbefore" | "after" | "onafter")
        && value.as_deref().and_then(date_key).is_none()
    {
        return unprocessable(format!("The filter \"{raw}\" needs a date value."));
    }
    Ok(Filter {
        column: column.to_string(),
        negate,
        op: op.to_string(),
        value,
    })
}

impl Filter {
    fn keep(&self, row: &Map<String, Value>) -> bool {
        let cell = row.get(&self.column).unwrap_or(&Value::Null);
        let hit = if self.op == "na" {
            cell.is_null()
        } else if cell.is_null() {
            false
        } else {
            let want = self.value.as_deref().unwrap_or("");
            let text = as_text(cell).to_lowercase();
            let w = want.to_lowercase();
            let ord = || match (cell.as_f64(), want.parse::<f64>()) {
                (Some(x), Ok(y)) => x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal),
                _ => text.cmp(&w),
            };
            let dord = || date_key(&as_text(cell)).cmp(&date_key(want));
            use std::cmp::Ordering::*;
            match self.op.as_str() {
                "eq" => ord() == Equal,
                "contains" => text.contains(&w),
                "startswith" => text.starts_with(&w),
                "endswith" => text.ends_with(&w),
                "lt" => ord() == Less,
                "lte" => ord() != Greater,
                "gt" => ord() == Greater,
                "gte" => ord() != Less,
                "before" => dord() == Less,
                "onbefore" => dord() != Greater,
                "after" => dord() == Greater,
                "onafter" => dord() != Less,
                _ => false,
            }
        };
        hit != self.negate
    }
}

fn db_rows(ctx: &Ctx, id: &str, q: &Query) -> R<Value> {
    let t = table(ctx, id)?;
    let filters = q
        .all("filter")
        .into_iter()
        .map(|f| parse_filter(f, t))
        .collect::<R<Vec<_>>>()?;
    let mut sorts = Vec::new();
    for s in q.all("sort") {
        let (col, desc) = match s.strip_suffix(".descending") {
            Some(c) => (c, true),
            None => (s, false),
        };
        if !is_word(col) || !t.columns.iter().any(|c| c.0 == col) {
            return unprocessable(format!(
                "The sort column \"{s}\" does not exist in table \"{id}\"."
            ));
        }
        sorts.push((col, desc));
    }
    let mut rows: Vec<&Map<String, Value>> = t
        .rows
        .iter()
        .filter(|r| filters.iter().all(|f| f.keep(r)))
        .collect();
    if !sorts.is_empty() {
        rows.sort_by(|a, b| {
            for (col, desc) in &sorts {
                let o = cmp_values(
                    a.get(*col).unwrap_or(&Value::Null),
                    b.get(*col).unwrap_or(&Value::Null),
                );
                let o = if *desc { o.reverse() } else { o };
                if o != std::cmp::Ordering::Equal {
                    return o;
                }
            }
            std::cmp::Ordering::Equal
        });
    }
    let items = rows.into_iter().map(|r| Value::Object(r.clone())).collect();
    paged(
        ctx,
        &format!("database/rows/{id}"),
        q,
        items,
        "row",
        20,
        Map::new(),
    )
}
