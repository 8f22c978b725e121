//! Finding careers without the profiler: keyword search and browsing one interest area.
//! O*NET when a key is set and it answers (then cached: searches are not personal), else
//! the cache, else the offline index over the occupation pack, labelled as offline.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use specta::Type;
use time::OffsetDateTime;
use waypoint_error_code::ErrorCode;
use waypoint_onet::{self as onet, CareerRef, Page, Range};
use waypoint_profiler::search::check_keyword;
use waypoint_profiler::{Area, Occupation, SearchIndex, Tab};
use waypoint_store::CacheKey;

use crate::dto::{CareerReport, Lang, ReportSection, Source};
use crate::{rfc3339, Problem, Result, ServiceError, Services};

/// Careers per page of search or browse results.
pub const SEARCH_PAGE_SIZE: u32 = 20;

/// One career found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SearchRow {
    pub code: String,
    pub title: String,
    /// When known (from the occupation pack).
    pub job_zone: Option<u8>,
    /// When known: O*NET says it; release files do not.
    pub bright_outlook: Option<bool>,
    /// The "also called" title that matched, when not the career's own title (offline only).
    pub matched: Option<String>,
}

/// A page of search or browse results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SearchPage {
    /// The keyword as searched (trimmed); empty when browsing.
    pub keyword: String,
    pub page: u32,
    pub page_size: u32,
    pub total: u32,
    pub rows: Vec<SearchRow>,
    pub source: Source,
    pub fetched_at: Option<String>,
    /// Why the rows are not O*NET's own fresh ones (offline, a failure, no data).
    pub notice: Option<Problem>,
}

fn start_of(page: u32) -> Result<u32> {
    if page == 0 {
        return Err(ServiceError::InvalidInput(
            "Pages are numbered from 1.".into(),
        ));
    }
    Ok((page - 1) * SEARCH_PAGE_SIZE + 1)
}

/// What to ask O*NET, and how it is filed in the cache.
enum Ask<'a> {
    Keyword(&'a str),
    Area(Area, Tab),
}

impl Services {
    /// One page of careers matching `keyword` (titles and "also called" titles).
    pub async fn search_careers(&self, keyword: &str, page: u32, lang: Lang) -> Result<SearchPage> {
        let keyword = check_keyword(keyword)?;
        self.find(Ask::Keyword(keyword), page, lang).await
    }

    /// One page of the careers of one interest area, on one Job Zone tab (or all).
    pub async fn browse_careers(
        &self,
        area: Area,
        tab: Tab,
        page: u32,
        lang: Lang,
    ) -> Result<SearchPage> {
        self.find(Ask::Area(area, tab), page, lang).await
    }

    async fn find(&self, ask: Ask<'_>, page: u32, lang: Lang) -> Result<SearchPage> {
        let start = start_of(page)?;
        let range = Range::new(start, start + SEARCH_PAGE_SIZE - 1);
        let start_s = start.to_string();
        let (key, keyword) = match &ask {
            Ask::Keyword(k) => {
                // Case does not change O*NET's answer, so "Nurse" and "nurse" share a row.
                let folded = k.to_lowercase();
                let key =
                    CacheKey::new("search", &[("keyword", &folded), ("start", &start_s)], lang)?;
                (key, k.to_string())
            }
            Ask::Area(area, tab) => (
                CacheKey::new(
                    "interest_careers",
                    &[
                        ("area", area.as_str()),
                        ("tab", tab.key()),
                        ("start", &start_s),
                    ],
                    lang,
                )?,
                String::new(),
            ),
        };
        let index = self.search_index()?;
        let mut failure: Option<onet::Error> = None;
        if let Some(client) = self.client() {
            let r: std::result::Result<Page<CareerRef>, onet::Error> = match &ask {
                Ask::Keyword(k) => client.search(lang, k, range).await,
                Ask::Area(area, tab) => {
                    client
                        .interest_careers(lang, *area, tab.zone(), range)
                        .await
                }
            };
            self.observe(&r);
            match r {
                Ok(p) => {
                    let out = SearchPage {
                        keyword,
                        page,
                        page_size: SEARCH_PAGE_SIZE,
                        total: p.total,
                        rows: p
                            .rows
                            .into_iter()
                            .map(|c| online_row(c, index.as_deref()))
                            .collect(),
                        source: Source::Api,
                        fetched_at: None,
                        notice: None,
                    };
                    let body = serde_json::to_value(&out).expect("search page serialises");
                    self.store.cache_put(
                        &key,
                        &body,
                        self.release().as_deref(),
                        OffsetDateTime::now_utc(),
                    )?;
                    return Ok(out);
                }
                // O*NET refuses a start past the end with a 422; offline answers the same.
                Err(e) if e.is_input() => return Err(e.into()),
                Err(e) => {
                    tracing::warn!(code = %e.code(), "career search on O*NET failed: {e}");
                    failure = Some(e);
                }
            }
        }
        let notice = failure.as_ref().map(Problem::from);
        if let Some(hit) = self.store.cache_get(&key)? {
            if let Ok(mut out) = serde_json::from_value::<SearchPage>(hit.body) {
                out.source = Source::Cache;
                out.fetched_at = Some(rfc3339(hit.fetched_at));
                out.notice = notice;
                return Ok(out);
            }
        }
        if let Some(index) = index {
            let all: Vec<SearchRow> = match &ask {
                Ask::Keyword(k) => index
                    .search(k)?
                    .into_iter()
                    .map(|h| SearchRow {
                        matched: h.matched.map(str::to_string),
                        ..offline_row(h.occupation)
                    })
                    .collect(),
                Ask::Area(area, tab) => browse_offline(index.occupations(), *area, *tab),
            };
            let total = all.len() as u32;
            if total > 0 && start > total {
                return Err(ServiceError::PageOutOfRange {
                    page,
                    pages: total.div_ceil(SEARCH_PAGE_SIZE),
                });
            }
            let rows = all
                .into_iter()
                .skip((start - 1) as usize)
                .take(SEARCH_PAGE_SIZE as usize)
                .collect();
            return Ok(SearchPage {
                keyword,
                page,
                page_size: SEARCH_PAGE_SIZE,
                total,
                rows,
                source: Source::Estimate,
                fetched_at: None,
                notice: notice.or_else(|| {
                    Some(Problem::new(
                        ErrorCode::SearchOffline,
                        "Searched offline, in the O*NET data saved on this computer. Add an O*NET key for O*NET's own search.",
                    ))
                }),
            });
        }
        if let Some(e) = failure {
            return Err(e.into());
        }
        Ok(SearchPage {
            keyword,
            page,
            page_size: SEARCH_PAGE_SIZE,
            total: 0,
            rows: vec![],
            source: Source::Unavailable,
            fetched_at: None,
            notice: Some(Problem::new(
                ErrorCode::CareersNeedData,
                "Careers need O*NET data: add an O*NET key in Settings, or import an O*NET database release for offline use.",
            )),
        })
    }

    /// The "also called" titles of a career from the occupation pack (empty without one).
    pub fn also_called(&self, code: &str) -> Result<Vec<String>> {
        Ok(self
            .search_index()?
            .map(|ix| {
                ix.also_called(code)
                    .into_iter()
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default())
    }

    /// What the occupation pack knows of a career, as a one-section report labelled as the
    /// offline estimate: its title, Job Zone and "also called" titles (in English: the pack
    /// is). `None` when the career is not in the pack or no pack is installed.
    pub(crate) fn offline_report(&self, code: &str) -> Result<Option<CareerReport>> {
        let Some(ix) = self.search_index()? else {
            return Ok(None);
        };
        let Some(o) = ix.occupations().iter().find(|o| o.code == code) else {
            return Ok(None);
        };
        let mut overview = serde_json::json!({
            "code": o.code,
            "title": o.title,
            "also_called": ix
                .also_called(code)
                .into_iter()
                .map(|t| serde_json::json!({ "title": t, "summary": true }))
                .collect::<Vec<_>>(),
        });
        if let Some(z) = o.job_zone {
            overview["job_zone"] = serde_json::json!(z);
        }
        if let Some(b) = o.bright_outlook {
            overview["tags"] = serde_json::json!({ "bright_outlook": b });
        }
        Ok(Some(CareerReport {
            code: o.code.clone(),
            title: o.title.clone(),
            lang: Lang::En,
            source: Source::Estimate,
            fetched_at: None,
            sections: vec![ReportSection {
                id: "overview".into(),
                title: "Overview".into(),
                content: overview,
            }],
        }))
    }

    /// The offline search index over the stored pack, built once and kept.
    pub(crate) fn search_index(&self) -> Result<Option<Arc<SearchIndex>>> {
        let mut ix = self.search_index.lock().unwrap();
        if ix.is_none() {
            if let Some(pack) = self.store.load_pack()? {
                let titles = self.store.load_pack_titles()?;
                *ix = Some(Arc::new(SearchIndex::new(&pack, &titles)));
            }
        }
        Ok(ix.clone())
    }

    pub(crate) fn drop_search_index(&self) {
        *self.search_index.lock().unwrap() = None;
    }
}

fn offline_row(o: &Occupation) -> SearchRow {
    SearchRow {
        code: o.code.clone(),
        title: o.title.clone(),
        job_zone: o.job_zone,
        bright_outlook: o.bright_outlook,
        matched: None,
    }
}

/// An O*NET row, with the Job Zone from the pack when the career is in it.
fn online_row(c: CareerRef, index: Option<&SearchIndex>) -> SearchRow {
    let job_zone = index.and_then(|ix| {
        ix.occupations()
            .iter()
            .find(|o| o.code == c.code)
            .and_then(|o| o.job_zone)
    });
    SearchRow {
        bright_outlook: c.tags.bright_outlook,
        code: c.code,
        title: c.title,
        job_zone,
        matched: None,
    }
}

/// The careers whose first high point is `area` (or, without one, whose highest interest
/// is), strongest in that area first, on one Job Zone tab.
fn browse_offline(occupations: &[Occupation], area: Area, tab: Tab) -> Vec<SearchRow> {
    let top = |o: &Occupation| -> Option<Area> {
        match o.high_point.chars().next() {
            Some(c) => Area::from_letter(c),
            None => {
                let i = (0..6).max_by(|&a, &b| o.interests[a].total_cmp(&o.interests[b]))?;
                Some(Area::ALL[i])
            }
        }
    };
    let mut list: Vec<&Occupation> = occupations
        .iter()
        .filter(|o| top(o) == Some(area))
        .filter(|o| tab.zone().is_none_or(|z| o.job_zone == Some(z)))
        .collect();
    let k = area.index();
    list.sort_by(|a, b| {
        b.interests[k]
            .total_cmp(&a.interests[k])
            .then_with(|| a.title.cmp(&b.title))
    });
    list.into_iter().map(offline_row).collect()
}
