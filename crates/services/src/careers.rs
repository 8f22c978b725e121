//! Matching careers, a page at a time: O*NET (cached) → cache → offline estimate → a clear
//! "nothing available" state. Every page also goes into the result's snapshot, so history
//! shows exactly what was seen.

use std::sync::Arc;
use std::time::Instant;

use futures::future::join_all;
use time::OffsetDateTime;
use waypoint_onet::{self as onet, CareerMatch, Range};
use waypoint_profiler::{profile, Matcher};
use waypoint_store::{CacheKey, CareerSource, CareerTab, Session, Tab};

use crate::dto::{CareerRow, CareersPage, Lang, Source};
use crate::results::check_zone;
use crate::{rfc3339, Result, ServiceError, Services};

pub const PAGE_SIZE: u32 = 20;
/// The tabs prefetched right after a result, so each is ready when opened.
pub const TABS: [&str; 6] = ["all", "1", "2", "3", "4", "5"];

fn parse_tab(tab: &str) -> Result<Option<u8>> {
    match tab {
        "all" => Ok(None),
        t => match t.parse::<u8>() {
            Ok(z) => check_zone(z).map(|_| Some(z)),
            Err(_) => Err(ServiceError::InvalidInput(format!(
                "{t:?} is not a careers tab: use a Job Zone from 1 to 5, or \"all\"."
            ))),
        },
    }
}

fn store_tab(zone: Option<u8>) -> Tab {
    zone.map(Tab::Zone).unwrap_or(Tab::All)
}

/// How O*NET is asked: the answer string when there is one, else the six scores.
fn matching(s: &Session) -> (CareerMatch, String) {
    match &s.answers {
        Some(a) => (CareerMatch::Answers(a.clone()), a.clone()),
        None => {
            let arr = s.scores.as_array().map(u32::from);
            let key = arr.map(|v| v.to_string()).join(",");
            (CareerMatch::Scores(onet::Scores(arr)), key)
        }
    }
}

fn fit(f: onet::Fit) -> waypoint_profiler::Fit {
    match f {
        onet::Fit::Best => waypoint_profiler::Fit::Best,
        onet::Fit::Great => waypoint_profiler::Fit::Great,
        onet::Fit::Good => waypoint_profiler::Fit::Good,
    }
}

impl Services {
    /// One page (1-based, [`PAGE_SIZE`] rows) of careers for a result, on one tab.
    pub async fn careers(
        &self,
        session_id: &str,
        tab: &str,
        page: u32,
        lang: Lang,
    ) -> Result<CareersPage> {
        let zone = parse_tab(tab)?;
        if page == 0 {
            return Err(ServiceError::InvalidInput(
                "Pages are numbered from 1.".into(),
            ));
        }
        let session = self.session(session_id)?;
        let (by, by_key) = matching(&session);
        let start = (page - 1) * PAGE_SIZE + 1;
        let key = CacheKey::new(
            "careers",
            &[("by", &by_key), ("tab", tab), ("start", &start.to_string())],
            lang.store(),
        )?
        // Careers for an answer string are personal: "forget everything" removes them.
        .personal();

        let mut failure: Option<onet::Error> = None;
        if let Some(client) = self.client() {
            match self.fetch_page(&client, lang, &by, zone, start).await {
                Ok((rows, total)) => {
                    if total > 0 && start > total {
                        return Err(ServiceError::PageOutOfRange {
                            page,
                            pages: total.div_ceil(PAGE_SIZE),
                        });
                    }
                    let out = CareersPage {
                        tab: tab.to_string(),
                        page,
                        page_size: PAGE_SIZE,
                        total,
                        rows,
                        source: Source::Api,
                        fetched_at: None,
                        notice: None,
                    };
                    let body = serde_json::to_value(&out).expect("careers page serialises");
                    self.store.cache_put(
                        &key,
                        &body,
                        self.release().as_deref(),
                        OffsetDateTime::now_utc(),
                    )?;
                    self.snapshot(&session, zone, &out, CareerSource::Api)?;
                    return Ok(out);
                }
                Err(e) if e.code() == "onet.invalid_parameter" && page > 1 => {
                    // O*NET refuses a start past the end; page 1 tells how many pages there are.
                    let (_, total) = self.fetch_page(&client, lang, &by, zone, 1).await?;
                    if start > total {
                        return Err(ServiceError::PageOutOfRange {
                            page,
                            pages: total.div_ceil(PAGE_SIZE),
                        });
                    }
                    return Err(e.into());
                }
                Err(e) if e.is_input() => return Err(e.into()),
                Err(e) => {
                    tracing::warn!(code = e.code(), "careers from O*NET failed: {e}");
                    failure = Some(e);
                }
            }
        }
        let notice = failure.as_ref().map(|e| e.to_string());

        if let Some(hit) = self.store.cache_get(&key)? {
            if let Ok(mut out) = serde_json::from_value::<CareersPage>(hit.body) {
                out.source = Source::Cache;
                out.fetched_at = Some(rfc3339(hit.fetched_at));
                out.notice = notice;
                return Ok(out);
            }
        }

        if let Some(matcher) = self.matcher()? {
            profile::ensure_not_flat(&session.scores)?;
            let ranked = matcher.rank(&session.scores, zone)?;
            let total = ranked.len() as u32;
            if total > 0 && start > total {
                return Err(ServiceError::PageOutOfRange {
                    page,
                    pages: total.div_ceil(PAGE_SIZE),
                });
            }
            let occupations = matcher.occupations();
            let rows = ranked
                .iter()
                .skip((start - 1) as usize)
                .take(PAGE_SIZE as usize)
                .map(|r| {
                    let o = &occupations[r.index];
                    CareerRow {
                        code: o.code.clone(),
                        title: o.title.clone(),
                        fit: r.fit,
                        bright_outlook: o.bright_outlook.unwrap_or(false),
                    }
                })
                .collect();
            let out = CareersPage {
                tab: tab.to_string(),
                page,
                page_size: PAGE_SIZE,
                total,
                rows,
                source: Source::Estimate,
                fetched_at: None,
                notice: notice.or_else(|| {
                    Some(format!(
                        "Waypoint's offline estimate from O*NET data release {}. Add an O*NET key for O*NET's own matches.",
                        matcher.release()
                    ))
                }),
            };
            self.snapshot(&session, zone, &out, CareerSource::Estimate)?;
            return Ok(out);
        }

        // Nothing to show. A failure worth retrying (429, 5xx, offline) is reported as itself.
        if let Some(e) = failure {
            return Err(e.into());
        }
        Ok(CareersPage {
            tab: tab.to_string(),
            page,
            page_size: PAGE_SIZE,
            total: 0,
            rows: vec![],
            source: Source::Unavailable,
            fetched_at: None,
            notice: Some(
                "Careers need O*NET data: add an O*NET key in Settings, or import an O*NET database release for offline use."
                    .into(),
            ),
        })
    }

    /// Collects a full page even when the server returns fewer rows than asked.
    async fn fetch_page(
        &self,
        client: &onet::Client,
        lang: Lang,
        by: &CareerMatch,
        zone: Option<u8>,
        start: u32,
    ) -> std::result::Result<(Vec<CareerRow>, u32), onet::Error> {
        let want_end = start + PAGE_SIZE - 1;
        let mut rows = Vec::new();
        let mut next = start;
        let mut total;
        loop {
            let r = client
                .careers(lang.onet(), by, zone, Range::new(next, want_end))
                .await;
            self.observe(&r);
            let p = r?;
            total = p.total;
            rows.extend(p.rows.into_iter().map(|c| CareerRow {
                bright_outlook: c.bright_outlook(),
                fit: c.fit.map(fit),
                code: c.code,
                title: c.title,
            }));
            // Stop at the page's end, the list's end, or a server that made no progress.
            if p.end >= want_end || p.end >= p.total || p.end < next {
                break;
            }
            next = p.end + 1;
        }
        Ok((rows, total))
    }

    /// Page 1 of every tab at once, so each Job Zone tab is ready when the person opens it.
    /// Returns each tab's outcome; failures are left for the tab to show when opened.
    pub async fn prefetch_careers(&self, session_id: &str, lang: Lang) -> Vec<Result<CareersPage>> {
        let t = Instant::now();
        let out = join_all(
            TABS.iter()
                .map(|tab| self.careers(session_id, tab, 1, lang)),
        )
        .await;
        tracing::info!(
            ms = t.elapsed().as_millis() as u64,
            "careers prefetched for all tabs"
        );
        out
    }

    /// Records what was shown in the result's snapshot (page 1 replaces, later pages append).
    fn snapshot(
        &self,
        session: &Session,
        zone: Option<u8>,
        page: &CareersPage,
        source: CareerSource,
    ) -> Result<()> {
        let tab = store_tab(zone);
        let now = OffsetDateTime::now_utc();
        let rows = page.rows.iter().map(|r| waypoint_store::CareerRow {
            code: r.code.clone(),
            title: r.title.clone(),
            fit: r.fit,
            bright_outlook: Some(r.bright_outlook),
            source,
            fetched_at: now,
        });
        let mut entry = if page.page == 1 {
            CareerTab {
                tab,
                total: page.total,
                rows: vec![],
            }
        } else {
            session
                .careers
                .iter()
                .find(|t| t.tab == tab)
                .cloned()
                .unwrap_or(CareerTab {
                    tab,
                    total: page.total,
                    rows: vec![],
                })
        };
        entry.total = page.total;
        for r in rows {
            if !entry.rows.iter().any(|x| x.code == r.code) {
                entry.rows.push(r);
            }
        }
        {
            // Under the lock: the six tabs are fetched concurrently and must not overwrite each other.
            let mut held = self.unsaved.lock().unwrap();
            if let Some(s) = held.get_mut(&session.id) {
                s.careers.retain(|t| t.tab != tab);
                s.careers.push(entry);
                return Ok(());
            }
        }
        Ok(self.store.put_session_careers(&session.id, &entry)?)
    }

    /// The matcher over the installed occupation pack, built once and kept.
    pub(crate) fn matcher(&self) -> Result<Option<Arc<Matcher>>> {
        let mut m = self.matcher.lock().unwrap();
        if m.is_none() {
            if let Some(pack) = self.store.load_pack()? {
                *m = Some(Arc::new(Matcher::new(pack)));
            }
        }
        Ok(m.clone())
    }

    pub(crate) fn drop_matcher(&self) {
        *self.matcher.lock().unwrap() = None;
    }
}
