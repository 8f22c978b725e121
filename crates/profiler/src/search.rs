//! Offline keyword search over the occupation pack: titles, and the "also called" titles an
//! O*NET release carries (`Sample of Reported Titles.txt`, `Alternate Titles.txt`).
//!
//! A title matches when every word of the keyword starts one of its words (in any order),
//! or, failing any such title, when each word is within one or two edits of a title word
//! (a typo match, by `strsim`'s optimal string alignment distance, which counts a swap of
//! two letters as one edit). Ranking, best first: the whole title equals the keyword; every
//! keyword word is a whole word of the title (a plural counts: "nurse" in "Registered
//! Nurses", not in "Nursery Teacher"); a career's own title before an "also called" one;
//! the title starting with the keyword before words found elsewhere; fewer words left over;
//! shorter titles.
//!
//! A keyword with no letters or digits (`%`, `"`, an emoji) is searched as a literal
//! substring, so it never matches everything. The index is built once per pack; a query
//! touches only the words it could match (a sorted vocabulary with entry lists), which keeps
//! it well under a millisecond per keystroke.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{Occupation, OccupationPack};

/// The longest keyword accepted, in characters (the O*NET client's limit too).
pub const MAX_KEYWORD_CHARS: usize = 100;

/// Where an "also called" title comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TitleSource {
    /// `Sample of Reported Titles.txt` (the titles My Next Move shows are marked `shown`).
    Reported,
    /// `Alternate Titles.txt`: searched, never shown.
    Alternate,
}

/// Another title of an occupation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AltTitle {
    pub code: String,
    pub title: String,
    /// Shown as "also called" (the release's `Shown in My Next Move` is `Y`).
    pub shown: bool,
    pub source: TitleSource,
}

/// How a career matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    Exact,
    Prefix,
    Words,
    Typo,
}

/// One career found.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit<'a> {
    pub occupation: &'a Occupation,
    pub kind: MatchKind,
    /// The "also called" title that matched, when it was not the career's own title.
    pub matched: Option<&'a str>,
}

/// Checks a keyword and returns it trimmed: not empty or blank, at most
/// [`MAX_KEYWORD_CHARS`] characters, no control characters.
pub fn check_keyword(raw: &str) -> Result<&str> {
    let k = raw.trim();
    if k.is_empty() {
        return Err(Error::InvalidKeyword(
            "Type a word to search for; the search is empty.".into(),
        ));
    }
    let n = k.chars().count();
    if n > MAX_KEYWORD_CHARS {
        return Err(Error::InvalidKeyword(format!(
            "The search is {n} characters long; use at most {MAX_KEYWORD_CHARS}."
        )));
    }
    if k.chars().any(char::is_control) {
        return Err(Error::InvalidKeyword(
            "The search holds a control character (a tab or a line break); type words only.".into(),
        ));
    }
    Ok(k)
}

/// Lower case, common Latin accents folded ("Técnico" finds "tecnico").
fn normalize(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'ä' | 'â' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' | 'õ' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            c => c,
        })
        .collect()
}

/// Whether `word + ending` is the plural of `word` ("nurse" + "s", "box" + "es"), so that
/// "nurs" is not taken for a whole word of "nurses".
fn is_plural_ending(word: &str, ending: &str) -> bool {
    match ending {
        "s" => true,
        "es" => ["ss", "x", "z", "ch", "sh"]
            .iter()
            .any(|e| word.ends_with(e)),
        _ => false,
    }
}

fn words(normalized: &str) -> impl Iterator<Item = &str> {
    normalized
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Edits allowed for a typo in a word of `len` characters: none below 4.
fn allowed_edits(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=5 => 1,
        _ => 2,
    }
}

/// Sort key of a match, best first: an exact title, then titles holding every word of the
/// keyword whole, a career's own title before an "also called" one, then the match kind,
/// and fewer words left over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Rank {
    exact: bool,
    partial: bool,
    alt: bool,
    kind: MatchKind,
    extra: u16,
}

struct Entry {
    occupation: u32,
    /// Index into `alt_titles`, or none for the occupation's own title.
    alt: Option<u32>,
    /// Normalized text, for literal searches.
    text: String,
    /// Normalized words joined by one space, for exact and prefix ranks.
    key: String,
    /// The words, as indexes into the sorted vocabulary.
    words: Box<[u32]>,
}

/// A search index over one pack and its other titles.
pub struct SearchIndex {
    occupations: Vec<Occupation>,
    alt_titles: Vec<AltTitle>,
    entries: Vec<Entry>,
    /// Sorted unique words, each with the entries holding it (ascending, no repeats).
    vocab: Vec<(String, Vec<u32>)>,
    by_code: HashMap<String, u32>,
}

struct Span {
    prefix: std::ops::Range<u32>,
    whole: [Option<u32>; 3],
}

/// A set of entries as bits.
struct Bits(Vec<u64>);

impl Bits {
    fn new(n: usize) -> Bits {
        Bits(vec![0; n.div_ceil(64)])
    }
    fn set(&mut self, i: u32) {
        self.0[(i / 64) as usize] |= 1 << (i % 64);
    }
    fn and(&mut self, o: &Bits) {
        for (a, b) in self.0.iter_mut().zip(&o.0) {
            *a &= b;
        }
    }
    fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.0.iter().enumerate().flat_map(|(k, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                (w != 0).then(|| {
                    let b = w.trailing_zeros();
                    w &= w - 1;
                    k as u32 * 64 + b
                })
            })
        })
    }
}

impl SearchIndex {
    /// Titles of codes that are not in the pack are left out.
    pub fn new(pack: &OccupationPack, titles: &[AltTitle]) -> SearchIndex {
        let occupations = pack.occupations.clone();
        let by_code: HashMap<String, u32> = occupations
            .iter()
            .enumerate()
            .map(|(i, o)| (o.code.clone(), i as u32))
            .collect();
        let alt_titles: Vec<AltTitle> = titles
            .iter()
            .filter(|t| by_code.contains_key(&t.code) && !t.title.trim().is_empty())
            .cloned()
            .collect();
        let mut entries = Vec::with_capacity(occupations.len() + alt_titles.len());
        let mut push = |occupation: u32, alt: Option<u32>, title: &str| {
            let text = normalize(title);
            let key = words(&text).collect::<Vec<_>>().join(" ");
            entries.push(Entry {
                occupation,
                alt,
                text,
                key,
                words: Box::new([]),
            });
        };
        for (i, o) in occupations.iter().enumerate() {
            push(i as u32, None, &o.title);
        }
        for (i, t) in alt_titles.iter().enumerate() {
            push(by_code[&t.code], Some(i as u32), &t.title);
        }
        let mut postings: HashMap<&str, Vec<u32>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            for w in e.key.split(' ').filter(|w| !w.is_empty()) {
                let list = postings.entry(w).or_default();
                if list.last() != Some(&(i as u32)) {
                    list.push(i as u32);
                }
            }
        }
        let mut vocab: Vec<(String, Vec<u32>)> = postings
            .into_iter()
            .map(|(w, l)| (w.to_string(), l))
            .collect();
        vocab.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let ids: HashMap<&str, u32> = vocab
            .iter()
            .enumerate()
            .map(|(i, (w, _))| (w.as_str(), i as u32))
            .collect();
        let words: Vec<Box<[u32]>> = entries
            .iter()
            .map(|e| {
                e.key
                    .split(' ')
                    .filter_map(|w| ids.get(w).copied())
                    .collect()
            })
            .collect();
        drop(ids);
        for (e, w) in entries.iter_mut().zip(words) {
            e.words = w;
        }
        SearchIndex {
            occupations,
            alt_titles,
            entries,
            vocab,
            by_code,
        }
    }

    pub fn occupations(&self) -> &[Occupation] {
        &self.occupations
    }

    /// How many titles are searched: the careers' own and the others.
    pub fn title_count(&self) -> usize {
        self.entries.len()
    }

    /// The "also called" titles shown for a career, in the release's order.
    pub fn also_called(&self, code: &str) -> Vec<&str> {
        match self.by_code.get(code) {
            None => Vec::new(),
            Some(&i) => self
                .entries
                .iter()
                .filter(|e| e.occupation == i)
                .filter_map(|e| e.alt.map(|a| &self.alt_titles[a as usize]))
                .filter(|t| t.shown)
                .map(|t| t.title.as_str())
                .collect(),
        }
    }

    /// Every career matching `keyword`, best first. Refuses a keyword that
    /// [`check_keyword`] refuses.
    pub fn search(&self, keyword: &str) -> Result<Vec<SearchHit<'_>>> {
        let keyword = normalize(check_keyword(keyword)?);
        let tokens: Vec<&str> = words(&keyword).collect();
        let n = self.entries.len();
        let (found, typo) = if tokens.is_empty() {
            // Nothing to split into words: a literal substring, never "everything".
            let mut bits = Bits::new(n);
            for (i, e) in self.entries.iter().enumerate() {
                if e.text.contains(keyword.as_str()) {
                    bits.set(i as u32);
                }
            }
            (bits, false)
        } else {
            let mut all: Option<Bits> = None;
            let mut typo = false;
            for t in &tokens {
                let (bits, fuzzy) = self.token_entries(t, n);
                typo |= fuzzy;
                match &mut all {
                    None => all = Some(bits),
                    Some(a) => a.and(&bits),
                }
            }
            (all.unwrap_or_else(|| Bits::new(n)), typo)
        };
        let key = tokens.join(" ");
        let spans: Vec<Span> = tokens.iter().map(|t| self.span(t)).collect();
        // Best rank per occupation, with the entry that gave it.
        let mut best: Vec<Option<(Rank, u32)>> = vec![None; self.occupations.len()];
        for i in found.iter() {
            let e = &self.entries[i as usize];
            let kind = if typo {
                MatchKind::Typo
            } else if tokens.is_empty() {
                if e.text == keyword {
                    MatchKind::Exact
                } else if e.text.starts_with(keyword.as_str()) {
                    MatchKind::Prefix
                } else {
                    MatchKind::Words
                }
            } else if e.key == key {
                MatchKind::Exact
            } else if e.key.starts_with(key.as_str()) {
                MatchKind::Prefix
            } else {
                MatchKind::Words
            };
            // "nurse" is a whole word of "Registered Nurses" (a plural counts), not of
            // "Nursery Teacher": whole-word matches go first.
            let whole = !typo
                && spans
                    .iter()
                    .all(|sp| e.words.iter().any(|w| sp.whole.contains(&Some(*w))));
            let extra = if typo {
                e.words.len().saturating_sub(tokens.len())
            } else {
                e.words
                    .iter()
                    .filter(|w| !spans.iter().any(|sp| sp.prefix.contains(w)))
                    .count()
            };
            let rank = Rank {
                exact: kind != MatchKind::Exact,
                partial: !whole,
                alt: e.alt.is_some(),
                kind,
                extra: extra.min(u16::MAX as usize) as u16,
            };
            let slot = &mut best[e.occupation as usize];
            if slot.is_none_or(|(r, _)| rank < r) {
                *slot = Some((rank, i));
            }
        }
        let mut hits: Vec<(Rank, SearchHit<'_>)> = best
            .iter()
            .enumerate()
            .filter_map(|(o, b)| {
                b.map(|(rank, i)| {
                    (
                        rank,
                        SearchHit {
                            occupation: &self.occupations[o],
                            kind: rank.kind,
                            matched: self.entries[i as usize]
                                .alt
                                .map(|a| self.alt_titles[a as usize].title.as_str()),
                        },
                    )
                })
            })
            .collect();
        hits.sort_by(|(ra, a), (rb, b)| {
            (ra, a.occupation.title.len())
                .cmp(&(rb, b.occupation.title.len()))
                .then_with(|| a.occupation.title.cmp(&b.occupation.title))
        });
        Ok(hits.into_iter().map(|(_, h)| h).collect())
    }

    /// The vocabulary words a token stands for: those it starts (a contiguous range of the
    /// sorted vocabulary), and the ones it is whole (itself, or a plural of it).
    fn span(&self, token: &str) -> Span {
        let from = self.vocab.partition_point(|(w, _)| w.as_str() < token);
        let to = from
            + self.vocab[from..]
                .iter()
                .take_while(|(w, _)| w.starts_with(token))
                .count();
        let id = |w: &str| {
            self.vocab[from..to]
                .binary_search_by(|(v, _)| v.as_str().cmp(w))
                .ok()
                .map(|i| (from + i) as u32)
        };
        let plural = |e: &str| {
            if is_plural_ending(token, e) {
                id(&format!("{token}{e}"))
            } else {
                None
            }
        };
        Span {
            prefix: from as u32..to as u32,
            whole: [id(token), plural("s"), plural("es")],
        }
    }

    /// Entries with a word starting with `token`; when none, entries with a word (or the
    /// start of one) within the allowed edits of it, flagged as a typo match.
    fn token_entries(&self, token: &str, n: usize) -> (Bits, bool) {
        let mut bits = Bits::new(n);
        let from = self.vocab.partition_point(|(w, _)| w.as_str() < token);
        let mut any = false;
        for (w, list) in self.vocab[from..]
            .iter()
            .take_while(|(w, _)| w.starts_with(token))
        {
            let _ = w;
            any = true;
            for &i in list {
                bits.set(i);
            }
        }
        if any {
            return (bits, false);
        }
        let len = token.chars().count();
        let max = allowed_edits(len);
        if max == 0 {
            return (bits, false);
        }
        // Typos rarely hit the first letter; checking only words that start with the
        // token's first (or, for a swap, second) letter keeps this scan cheap.
        let mut lead = token.chars();
        let (a, b) = (lead.next(), lead.next());
        for (w, list) in &self.vocab {
            let first = w.chars().next();
            if first != a && first != b {
                continue;
            }
            let wl = w.chars().count();
            if wl + max < len {
                continue;
            }
            let close = (wl <= len + max && strsim::osa_distance(token, w) <= max)
                || (wl > len && {
                    let head: String = w.chars().take(len).collect();
                    strsim::osa_distance(token, &head) <= max
                });
            if close {
                for &i in list {
                    bits.set(i);
                }
            }
        }
        (bits, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn occ(code: &str, title: &str) -> Occupation {
        Occupation {
            code: code.into(),
            title: title.into(),
            job_zone: Some(3),
            bright_outlook: None,
            interests: [1.0; 6],
            high_point: String::new(),
        }
    }

    fn alt(code: &str, title: &str, shown: bool) -> AltTitle {
        AltTitle {
            code: code.into(),
            title: title.into(),
            shown,
            source: TitleSource::Reported,
        }
    }

    fn index() -> SearchIndex {
        let pack = OccupationPack {
            release: "t".into(),
            source: OccupationPack::SOURCE_RELEASE_FILE.into(),
            occupations: vec![
                occ("29-1141.00", "Registered Nurses"),
                occ(
                    "29-2061.00",
                    "Licensed Practical and Licensed Vocational Nurses",
                ),
                occ("47-2111.00", "Electricians"),
                occ("27-2031.00", "Dancers"),
                occ("31-1131.00", "Nursing Assistants"),
                occ("11-1011.00", "Chief Executives"),
            ],
        };
        SearchIndex::new(
            &pack,
            &[
                alt("11-1011.00", "CEO (Chief Executive Officer)", true),
                alt("11-1011.00", "100% Owner", false),
                alt("29-1141.00", "Nurse", true),
                alt("99-9999.00", "Nobody", true),
            ],
        )
    }

    fn codes(ix: &SearchIndex, k: &str) -> Vec<String> {
        ix.search(k)
            .unwrap()
            .iter()
            .map(|h| h.occupation.code.clone())
            .collect()
    }

    #[test]
    fn exact_then_prefix_then_words() {
        let ix = index();
        let hits = ix.search("nurse").unwrap();
        // "Nurse" is exactly an also-called title of Registered Nurses.
        assert_eq!(hits[0].occupation.code, "29-1141.00");
        assert_eq!(hits[0].kind, MatchKind::Exact);
        assert_eq!(hits[0].matched, Some("Nurse"));
        let rest: Vec<_> = hits[1..]
            .iter()
            .map(|h| h.occupation.code.as_str())
            .collect();
        // "Nursing" does not start with "nurse".
        assert_eq!(rest, ["29-2061.00"]);
        assert_eq!(hits[1].kind, MatchKind::Words);
        let reg = ix.search("registered nur").unwrap();
        assert_eq!(reg[0].kind, MatchKind::Prefix);
        assert_eq!(reg[0].matched, None);
        // A career's own title beats an "also called" one at the same rank.
        assert_eq!(
            codes(&ix, "nurs"),
            ["31-1131.00", "29-1141.00", "29-2061.00"]
        );
        assert_eq!(codes(&ix, "DANCER"), ["27-2031.00"]);
        assert_eq!(codes(&ix, "vocational licensed"), ["29-2061.00"]);
        assert_eq!(codes(&ix, "ceo"), ["11-1011.00"]);
    }

    #[test]
    fn typos_find_the_obvious_career() {
        let ix = index();
        assert_eq!(codes(&ix, "electrican"), ["47-2111.00"]);
        assert_eq!(ix.search("electrican").unwrap()[0].kind, MatchKind::Typo);
        assert_eq!(codes(&ix, "nurce")[0], "29-1141.00");
        assert!(codes(&ix, "dancre").contains(&"27-2031.00".to_string()));
        // Short words get no typo allowance: "dnc" finds nothing.
        assert!(codes(&ix, "dnc").is_empty());
    }

    #[test]
    fn wildcards_quotes_and_emoji_are_literal() {
        let ix = index();
        assert_eq!(codes(&ix, "%"), ["11-1011.00"], "only the title with a %");
        for k in ["_", "\"", "'", "🚀", "%%", "*"] {
            assert!(codes(&ix, k).is_empty(), "{k:?}");
        }
        assert!(codes(&ix, "nurse'; DROP TABLE x").is_empty());
    }

    #[test]
    fn bad_keywords_are_refused() {
        let ix = index();
        for k in ["", "   ", &"a".repeat(200), "a\tb"] {
            let e = ix.search(k).unwrap_err();
            assert_eq!(
                e.code(),
                waypoint_error_code::ErrorCode::InputInvalidKeyword
            );
        }
        assert!(ix.search(&"a".repeat(MAX_KEYWORD_CHARS)).is_ok());
    }

    #[test]
    fn also_called_lists_only_shown_titles_of_codes_in_the_pack() {
        let ix = index();
        assert_eq!(
            ix.also_called("11-1011.00"),
            ["CEO (Chief Executive Officer)"]
        );
        assert!(ix.also_called("99-9999.00").is_empty());
        assert_eq!(ix.title_count(), 6 + 3);
    }

    #[test]
    fn accents_are_folded() {
        let ix = index();
        assert_eq!(codes(&ix, "Électricians"), ["47-2111.00"]);
    }
}
