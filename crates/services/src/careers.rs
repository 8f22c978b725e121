//! Matching careers, a page at a time: O*NET (cached) → cache → offline estimate → a clear
//! "nothing available" state. Every page also goes into the result's snapshot, so history
//! shows exactly what was seen.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use futures::future::join_all;
use time::OffsetDateTime;
use tokio::task::JoinHandle;
use waypoint_onet::{self as onet, CareerMatch, Range};
use waypoint_profiler::{profile, Matcher};
use waypoint_store::{Batch, CacheKey, CareerSource, CareerTab, Session, Tab};

use crate::dto::{CareerRow, CareersPage, Lang, Source};
use crate::results::check_zone;
use crate::{rfc3339, Problem, Result, ServiceError, Services};

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
        let mut writes = Writes::default();
        let out = self
            .careers_into(session_id, tab, page, lang, &mut writes)
            .await?;
        self.file(&[&writes])?;
        Ok(out)
    }

    /// [`Services::careers`], leaving what it has to write (cache row, snapshot) in `writes`.
    async fn careers_into(
        &self,
        session_id: &str,
        tab: &str,
        page: u32,
        lang: Lang,
        writes: &mut Writes,
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
            // Page 1 may be on its way already: submit asks for it with the results check.
            let early = match page {
                1 => self.inflight.take(session_id, tab, lang),
                _ => None,
            };
            let fetched = match early {
                Some(h) => match h.await {
                    Ok(r) => r,
                    // Aborted by a newer submit or a wipe: ask again.
                    Err(_) => fetch_page(&client, lang, &by, zone, start).await,
                },
                None => fetch_page(&client, lang, &by, zone, start).await,
            };
            self.observe(&fetched);
            match fetched {
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
                    writes.cache.push((key, body));
                    writes.snapshot(&session, zone, &out, CareerSource::Api);
                    return Ok(out);
                }
                Err(e) if e.code() == "onet.invalid_parameter" && page > 1 => {
                    // O*NET refuses a start past the end; page 1 tells how many pages there are.
                    let first = fetch_page(&client, lang, &by, zone, 1).await;
                    self.observe(&first);
                    let (_, total) = first?;
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
        // Said by code, so the UI can put it in the person's language.
        let notice = failure
            .as_ref()
            .map(|e| Problem::new(e.code(), e.to_string()));

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
            let rows = rows_of(&matcher, &ranked)
                .skip((start - 1) as usize)
                .take(PAGE_SIZE as usize)
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
                    Some(Problem::new(
                        "careers.estimate",
                        format!(
                            "Waypoint's offline estimate from O*NET data release {}. Add an O*NET key for O*NET's own matches.",
                            matcher.release()
                        ),
                    ))
                }),
            };
            writes.snapshot(&session, zone, &out, CareerSource::Estimate);
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
            notice: Some(Problem::new(
                "careers.need_data",
                "Careers need O*NET data: add an O*NET key in Settings, or import an O*NET database release for offline use.",
            )),
        })
    }

    /// Page 1 of every tab at once, so each Job Zone tab is ready when the person opens it.
    /// Returns each tab's outcome; failures are left for the tab to show when opened.
    /// The six tabs are cached and filed in the result's snapshot with one commit.
    pub async fn prefetch_careers(&self, session_id: &str, lang: Lang) -> Vec<Result<CareersPage>> {
        let t = Instant::now();
        let (mut out, writes): (Vec<_>, Vec<_>) = join_all(TABS.iter().map(|tab| async move {
            let mut w = Writes::default();
            let r = self.careers_into(session_id, tab, 1, lang, &mut w).await;
            (r, w)
        }))
        .await
        .into_iter()
        .unzip();
        let all: Vec<&Writes> = writes.iter().collect();
        if let Err(e) = self.file(&all) {
            // Rare (a full disk, the result deleted meanwhile): file each tab alone so each
            // tab reports its own error, as when the tabs are opened one by one.
            tracing::warn!(
                code = e.code(),
                "filing the careers tabs together failed: {e}"
            );
            for (r, w) in out.iter_mut().zip(&writes) {
                if r.is_ok() {
                    if let Err(e) = self.file(&[w]) {
                        *r = Err(e);
                    }
                }
            }
        }
        tracing::info!(
            ms = t.elapsed().as_millis() as u64,
            "careers prefetched for all tabs"
        );
        out
    }

    /// Page 1 of every tab for a result being submitted, requested now so the pages arrive
    /// with O*NET's `results` check instead of one round trip after it. [`Services::careers`]
    /// (and so [`Services::prefetch_careers`]) takes them up; nothing is written until then.
    pub(crate) fn start_careers(&self, session_id: &str, lang: Lang, answers: &str) {
        let Some(client) = self.client() else {
            return;
        };
        // Outside a tokio runtime (never in the app or the CLI) the tabs are fetched later.
        let Ok(rt) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let by = CareerMatch::Answers(answers.to_owned());
        let fetches = TABS
            .iter()
            .map(|&tab| {
                let zone = parse_tab(tab).expect("TABS are valid tabs");
                let (client, by) = (client.clone(), by.clone());
                let h = rt.spawn(async move { fetch_page(&client, lang, &by, zone, 1).await });
                (tab, h)
            })
            .collect();
        self.inflight.start(session_id, lang, fetches);
    }

    /// How many careers tabs of a result were requested at its submit and not taken up yet:
    /// what a test (or a diagnostic) can observe without waiting for requests to land.
    pub fn careers_requested_at_submit(&self, session_id: &str) -> usize {
        self.inflight.pending(session_id)
    }

    /// Commits the cache rows and snapshot tabs of `writes` together; tabs of a result kept
    /// only in memory (kiosk) go there instead.
    fn file(&self, writes: &[&Writes]) -> Result<()> {
        let release = self.release();
        let now = OffsetDateTime::now_utc();
        let mut batch = Batch::new();
        for w in writes {
            for (key, body) in &w.cache {
                batch.cache_put(key.clone(), body, release.as_deref(), now)?;
            }
        }
        {
            // Under the lock: tabs filed concurrently must not overwrite each other.
            let mut held = self.unsaved.lock().unwrap();
            for (id, entry) in writes.iter().flat_map(|w| &w.tabs) {
                match held.get_mut(id) {
                    Some(s) => {
                        s.careers.retain(|t| t.tab != entry.tab);
                        s.careers.push(entry.clone());
                    }
                    None => batch.put_session_careers(id, entry.clone()),
                }
            }
        }
        Ok(self.store.write_batch(&batch)?)
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

/// Ranked occupations as careers rows, in rank order.
fn rows_of<'a>(
    matcher: &'a Matcher,
    ranked: &'a [waypoint_profiler::Ranked],
) -> impl Iterator<Item = CareerRow> + 'a {
    let occupations = matcher.occupations();
    ranked.iter().map(move |r| {
        let o = &occupations[r.index];
        CareerRow {
            code: o.code.clone(),
            title: o.title.clone(),
            fit: r.fit,
            bright_outlook: o.bright_outlook.unwrap_or(false),
        }
    })
}

/// Every career the offline estimate ranks for `scores`, best first.
pub(crate) fn estimate_rows(
    matcher: &Matcher,
    scores: &waypoint_profiler::Scores,
    zone: Option<u8>,
) -> Result<Vec<CareerRow>> {
    profile::ensure_not_flat(scores)?;
    Ok(rows_of(matcher, &matcher.rank(scores, zone)?).collect())
}

/// Collects a full page even when the server returns fewer rows than asked.
pub(crate) async fn fetch_page(
    client: &onet::Client,
    lang: Lang,
    by: &CareerMatch,
    zone: Option<u8>,
    start: u32,
) -> Fetched {
    let want_end = start + PAGE_SIZE - 1;
    let mut rows = Vec::new();
    let mut next = start;
    let mut total;
    loop {
        let p = client
            .careers(lang.onet(), by, zone, Range::new(next, want_end))
            .await?;
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

/// One tab's page from O*NET: its rows and the list's total.
type Fetched = std::result::Result<(Vec<CareerRow>, u32), onet::Error>;

/// What showing a careers page leaves to write: the cache row and the snapshot tab.
#[derive(Default)]
struct Writes {
    cache: Vec<(CacheKey, serde_json::Value)>,
    tabs: Vec<(String, CareerTab)>,
}

impl Writes {
    /// Records what was shown in the result's snapshot (page 1 replaces, later pages append).
    fn snapshot(
        &mut self,
        session: &Session,
        zone: Option<u8>,
        page: &CareersPage,
        source: CareerSource,
    ) {
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
        self.tabs.push((session.id.clone(), entry));
    }
}

/// Page 1 of each tab for the latest submitted result, requested at submit
/// ([`Services::start_careers`]) and not yet taken up.
#[derive(Default)]
pub(crate) struct InFlight(Mutex<Option<Started>>);

struct Started {
    session_id: String,
    lang: Lang,
    tabs: Vec<(&'static str, JoinHandle<Fetched>)>,
}

impl InFlight {
    /// Keeps only the newest result's fetches: older ones nobody took (a flat profile, a
    /// caller that wanted one tab) are stopped.
    fn start(&self, session_id: &str, lang: Lang, tabs: Vec<(&'static str, JoinHandle<Fetched>)>) {
        let old = self.0.lock().unwrap().replace(Started {
            session_id: session_id.to_owned(),
            lang,
            tabs,
        });
        abort(old);
    }

    fn take(&self, session_id: &str, tab: &str, lang: Lang) -> Option<JoinHandle<Fetched>> {
        let mut g = self.0.lock().unwrap();
        let started = g.as_mut()?;
        if started.session_id != session_id || started.lang != lang {
            return None;
        }
        let i = started.tabs.iter().position(|(t, _)| *t == tab)?;
        let (_, h) = started.tabs.swap_remove(i);
        if started.tabs.is_empty() {
            *g = None;
        }
        Some(h)
    }

    /// How many tabs of `session_id` were requested and are not taken up yet.
    fn pending(&self, session_id: &str) -> usize {
        match &*self.0.lock().unwrap() {
            Some(s) if s.session_id == session_id => s.tabs.len(),
            _ => 0,
        }
    }

    /// Stops and forgets every fetch (a failed submit, the kiosk wipe).
    pub(crate) fn clear(&self) {
        let old = self.0.lock().unwrap().take();
        abort(old);
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.clear();
    }
}

fn abort(started: Option<Started>) {
    for (_, h) in started.into_iter().flat_map(|s| s.tabs) {
        h.abort();
    }
}
