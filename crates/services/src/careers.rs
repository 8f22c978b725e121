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

use waypoint_error_code::ErrorCode;

use crate::dto::{CareerRow, CareersPage, Lang, Source};
use crate::fallback::{Cacheable, Found};
use crate::{Problem, Result, ServiceError, Services};

pub const PAGE_SIZE: u32 = 20;
/// The tabs prefetched right after a result, so each is ready when opened.
pub const TABS: [Tab; 6] = Tab::ALL;

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

/// Which page of which tab is asked for.
#[derive(Debug, Clone, Copy)]
struct Want {
    tab: Tab,
    /// 1-based.
    page: u32,
    /// The page's first row, 1-based.
    start: u32,
}

impl Want {
    fn new(tab: Tab, page: u32) -> Result<Want> {
        if page == 0 {
            return Err(ServiceError::InvalidInput(
                "Pages are numbered from 1.".into(),
            ));
        }
        Ok(Want {
            tab,
            page,
            start: (page - 1) * PAGE_SIZE + 1,
        })
    }

    /// A page past the end of a list of `total` is an error that says how many pages there are.
    fn check(&self, total: u32) -> Result<()> {
        if total > 0 && self.start > total {
            return Err(ServiceError::PageOutOfRange {
                page: self.page,
                pages: total.div_ceil(PAGE_SIZE),
            });
        }
        Ok(())
    }

    fn page_of(
        &self,
        total: u32,
        rows: Vec<CareerRow>,
        source: Source,
        notice: Option<Problem>,
    ) -> CareersPage {
        CareersPage {
            tab: self.tab,
            page: self.page,
            page_size: PAGE_SIZE,
            total,
            rows,
            source,
            fetched_at: None,
            notice,
        }
    }
}

impl Cacheable for CareersPage {
    fn mark_cached(&mut self, fetched_at: String) {
        self.source = Source::Cache;
        self.fetched_at = Some(fetched_at);
    }
}

impl Services {
    /// One page (1-based, [`PAGE_SIZE`] rows) of careers for a result, on one tab.
    pub async fn careers(
        &self,
        session_id: &str,
        tab: Tab,
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
        tab: Tab,
        page: u32,
        lang: Lang,
        writes: &mut Writes,
    ) -> Result<CareersPage> {
        let want = Want::new(tab, page)?;
        let session = self.session(session_id)?;
        let (by, by_key) = matching(&session);
        let key = CacheKey::new(
            "careers",
            &[
                ("by", &by_key),
                ("tab", tab.key()),
                ("start", &want.start.to_string()),
            ],
            lang,
        )?
        // Careers for an answer string are personal: "forget everything" removes them.
        .personal();
        let found = self
            .onet_or_cache("careers", &key, |client| {
                self.careers_from_onet(client, session_id, lang, &by, want)
            })
            .await?;
        match found {
            Found::Api(mut out) => {
                self.fill_zones(&mut out);
                let body = serde_json::to_value(&out).expect("careers page serialises");
                writes.cache.push((key, body));
                writes.snapshot(&session, &out, CareerSource::Api);
                Ok(out)
            }
            Found::Fallback {
                cached: Some(mut out),
                failure,
            } => {
                self.fill_zones(&mut out);
                // Said by code, so the UI can put it in the person's language.
                out.notice = failure.as_ref().map(Problem::from);
                Ok(out)
            }
            Found::Fallback {
                cached: None,
                failure,
            } => self.careers_offline(&session, want, failure, writes),
        }
    }

    /// The page from O*NET: `Ok(Err(_))` is a failure to fall back from, `Err` is final.
    async fn careers_from_onet(
        &self,
        client: onet::Client,
        session_id: &str,
        lang: Lang,
        by: &CareerMatch,
        want: Want,
    ) -> Result<Fetched<CareersPage>> {
        let zone = want.tab.zone();
        // Page 1 may be on its way already: submit asks for it with the results check.
        let early = match want.page {
            1 => self.inflight.take(session_id, want.tab, lang),
            _ => None,
        };
        let fetched = match early {
            Some(h) => match h.await {
                Ok(r) => r,
                // Aborted by a newer submit or a wipe: ask again.
                Err(_) => fetch_page(&client, lang, by, zone, want.start).await,
            },
            None => fetch_page(&client, lang, by, zone, want.start).await,
        };
        self.observe(&fetched);
        match fetched {
            Ok((rows, total)) => {
                want.check(total)?;
                Ok(Ok(want.page_of(total, rows, Source::Api, None)))
            }
            Err(e @ onet::Error::InvalidParameter { .. }) if want.page > 1 => {
                // O*NET refuses a start past the end; page 1 tells how many pages there are.
                let first = fetch_page(&client, lang, by, zone, 1).await;
                self.observe(&first);
                want.check(first?.1)?;
                Err(e.into())
            }
            Err(e) if e.is_input() => Err(e.into()),
            Err(e) => Ok(Err(e)),
        }
    }

    /// Neither O*NET nor the cache had the page: Waypoint's estimate, else O*NET's failure,
    /// else a page that says careers need data.
    fn careers_offline(
        &self,
        session: &Session,
        want: Want,
        failure: Option<onet::Error>,
        writes: &mut Writes,
    ) -> Result<CareersPage> {
        let notice = failure.as_ref().map(Problem::from);
        if let Some(matcher) = self.matcher()? {
            let ranked = estimate_rows(&matcher, &session.scores, want.tab.zone())?;
            let total = ranked.len() as u32;
            want.check(total)?;
            let rows = ranked
                .into_iter()
                .skip((want.start - 1) as usize)
                .take(PAGE_SIZE as usize)
                .collect();
            let notice = notice.or_else(|| {
                Some(Problem::new(
                    ErrorCode::CareersEstimate,
                    format!(
                        "Waypoint's offline estimate from O*NET data release {}. Add an O*NET key for O*NET's own matches.",
                        matcher.release()
                    ),
                ))
            });
            let out = want.page_of(total, rows, Source::Estimate, notice);
            writes.snapshot(session, &out, CareerSource::Estimate);
            return Ok(out);
        }
        // Nothing to show. A failure worth retrying (429, 5xx, offline) is reported as itself.
        if let Some(e) = failure {
            return Err(e.into());
        }
        Ok(want.page_of(
            0,
            vec![],
            Source::Unavailable,
            Some(Problem::new(
                ErrorCode::CareersNeedData,
                "Careers need O*NET data: add an O*NET key in Settings, or import an O*NET database release for offline use.",
            )),
        ))
    }

    /// Page 1 of every tab at once, so each Job Zone tab is ready when the person opens it.
    /// Returns each tab's outcome; failures are left for the tab to show when opened.
    /// The six tabs are cached and filed in the result's snapshot with one commit.
    pub async fn prefetch_careers(&self, session_id: &str, lang: Lang) -> Vec<Result<CareersPage>> {
        let t = Instant::now();
        let (mut out, writes): (Vec<_>, Vec<_>) = join_all(TABS.iter().map(|tab| async move {
            let mut w = Writes::default();
            let r = self.careers_into(session_id, *tab, 1, lang, &mut w).await;
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
                code = %e.code(),
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
                let zone = tab.zone();
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

    /// Rows of the "All" tab get their Job Zone from the occupation pack, when one is
    /// installed; without one they stay unknown rather than guessed.
    fn fill_zones(&self, page: &mut CareersPage) {
        if page.tab.zone().is_some() || page.rows.iter().all(|r| r.zone.is_some()) {
            return;
        }
        let Ok(Some(matcher)) = self.matcher() else {
            return;
        };
        for r in page.rows.iter_mut().filter(|r| r.zone.is_none()) {
            r.zone = matcher.job_zone(&r.code);
        }
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
            zone: o.job_zone,
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
            .careers(lang, by, zone, Range::new(next, want_end))
            .await?;
        total = p.total;
        rows.extend(p.rows.into_iter().map(|c| CareerRow {
            bright_outlook: c.bright_outlook(),
            fit: c.fit,
            code: c.code,
            title: c.title,
            zone,
        }));
        // Stop at the page's end, the list's end, or a server that made no progress.
        if p.end >= want_end || p.end >= p.total || p.end < next {
            break;
        }
        next = p.end + 1;
    }
    Ok((rows, total))
}

/// An answer from O*NET, or why there is none; by default one tab's page: its rows and the
/// list's total.
type Fetched<T = (Vec<CareerRow>, u32)> = std::result::Result<T, onet::Error>;

/// What showing a careers page leaves to write: the cache row and the snapshot tab.
#[derive(Default)]
struct Writes {
    cache: Vec<(CacheKey, serde_json::Value)>,
    tabs: Vec<(String, CareerTab)>,
}

impl Writes {
    /// Records what was shown in the result's snapshot (page 1 replaces, later pages append).
    fn snapshot(&mut self, session: &Session, page: &CareersPage, source: CareerSource) {
        let tab = page.tab;
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
    tabs: Vec<(Tab, JoinHandle<Fetched>)>,
}

impl InFlight {
    /// Keeps only the newest result's fetches: older ones nobody took (a flat profile, a
    /// caller that wanted one tab) are stopped.
    fn start(&self, session_id: &str, lang: Lang, tabs: Vec<(Tab, JoinHandle<Fetched>)>) {
        let old = self.0.lock().unwrap().replace(Started {
            session_id: session_id.to_owned(),
            lang,
            tabs,
        });
        abort(old);
    }

    fn take(&self, session_id: &str, tab: Tab, lang: Lang) -> Option<JoinHandle<Fetched>> {
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
