//! Reading variant forms in place: full-width forms, traditional script and
//! inline pinyin annotations.
//!
//! zh-econ never rewrites a document. Spans must point into the decoded text
//! (`text == &doc[start..end]`), so instead of converting the text, every
//! matcher reads it through [`fold`] (one character to its canonical form) and
//! a [`Cursor`] (which also steps over scraped pinyin such as `產(chǎn)`).
//!
//! | written | read as |
//! |---|---|
//! | `１３１８．２` `％` `～` (U+FF01–FF5E) | `1318.2` `%` `~` |
//! | `億 萬 兩 個 點 餘 約 噸 畝` | `亿 万 两 个 点 余 约 吨 亩` |
//! | `〇` | `零` |
//! | `產(chǎn)業(yè)` | `产业` (the annotations are skipped) |
//!
//! ```
//! use zh_econ::normalize::{fold, Cursor};
//!
//! assert_eq!(fold('１'), '1');
//! assert_eq!(fold('億'), '亿');
//! let folded: String = Cursor::new("產(chǎn)業(yè)", 0).map(|(_, _, c)| c).collect();
//! assert_eq!(folded, "产业");
//! ```

pub(crate) mod t2s;

/// Maps one character to its canonical form: full-width ASCII forms to ASCII,
/// the ideographic space to a space, `〇` to `零`, and traditional characters
/// to simplified ones (a 1:1 table generated from OpenCC's `TSCharacters`).
///
/// Characters with no variant map to themselves, so `fold` is idempotent.
///
/// ```
/// use zh_econ::normalize::fold;
/// assert_eq!(fold('％'), '%');
/// assert_eq!(fold('萬'), '万');
/// assert_eq!(fold('万'), '万');
/// assert_eq!(fold('a'), 'a');
/// ```
#[inline]
pub fn fold(c: char) -> char {
    let u = c as u32;
    if u < 0x80 {
        return c;
    }
    // Unified ideographs (most of a Chinese text): only the table maps them.
    if (0x4E00..HAN_HIGH).contains(&u) {
        return T2S_INDEX.get(u).unwrap_or(c);
    }
    if (0xFF01..=0xFF5E).contains(&u) {
        // Full-width forms are offset from ASCII by a constant.
        return char::from_u32(u - 0xFEE0).unwrap_or(c);
    }
    match c {
        '\u{3000}' => ' ',
        '〇' => '零',
        '．' => '.',
        '－' | '—' | '–' | '―' => '-',
        _ => simplified(c).unwrap_or(c),
    }
}

/// The Han block the index covers: CJK extension A and the unified ideographs.
const HAN_LOW: u32 = 0x2E80;
const HAN_HIGH: u32 = 0xA000;

/// A rank index over the t2s table for `HAN_LOW..HAN_HIGH`: one bit per
/// character (set if the table maps it) and, per 64-bit word, the number of
/// set bits before it. A character's table entry is then found in constant
/// time: most characters of simplified text answer with one bit test, and a
/// traditional one with a popcount instead of a binary search.
struct T2sIndex {
    bits: Vec<u64>,
    rank: Vec<u32>,
    /// Table position of the first entry at or above `HAN_LOW`.
    first: usize,
}

static T2S_INDEX: std::sync::LazyLock<T2sIndex> = std::sync::LazyLock::new(|| {
    let words = ((HAN_HIGH - HAN_LOW) as usize).div_ceil(64);
    let mut bits = vec![0u64; words];
    for &(t, _) in t2s::T2S {
        let u = t as u32;
        if (HAN_LOW..HAN_HIGH).contains(&u) {
            let i = (u - HAN_LOW) as usize;
            if let Some(w) = bits.get_mut(i / 64) {
                *w |= 1 << (i % 64);
            }
        }
    }
    let mut rank = Vec::with_capacity(words);
    let mut total = 0u32;
    for w in &bits {
        rank.push(total);
        total += w.count_ones();
    }
    let first = t2s::T2S.partition_point(|&(t, _)| (t as u32) < HAN_LOW);
    T2sIndex { bits, rank, first }
});

impl T2sIndex {
    /// True if the table maps `u`, a code point in `HAN_LOW..HAN_HIGH`.
    #[inline(always)]
    fn maps(&self, u: u32) -> bool {
        let i = u.wrapping_sub(HAN_LOW) as usize;
        self.bits.get(i / 64).is_some_and(|w| w & (1u64 << (i % 64)) != 0)
    }

    /// True if `u` is a unified ideograph (U+4E00 up) that the table does
    /// not map: folding keeps it. The common character of simplified text,
    /// which the folding loop, its byte loop and `Cursor::eat` pass without
    /// folding.
    #[inline(always)]
    fn keeps(&self, u: u32) -> bool {
        (0x4E00..HAN_HIGH).contains(&u) && !self.maps(u)
    }

    /// The simplified form of `c`, a code point in `HAN_LOW..HAN_HIGH`.
    #[inline]
    fn get(&self, u: u32) -> Option<char> {
        let i = u.wrapping_sub(HAN_LOW) as usize;
        let word = *self.bits.get(i / 64)?;
        let bit = 1u64 << (i % 64);
        if word & bit == 0 {
            return None;
        }
        let below = (word & (bit - 1)).count_ones() as usize;
        let at = self.first + *self.rank.get(i / 64)? as usize + below;
        t2s::T2S.get(at).map(|&(_, s)| s)
    }
}

/// The simplified form of `c` from the t2s table, if it has one.
#[inline]
fn simplified(c: char) -> Option<char> {
    let u = c as u32;
    if !(HAN_LOW..HAN_HIGH).contains(&u) {
        // Outside the index: compatibility ideographs and the supplementary
        // planes may have entries (binary search); nothing else below does.
        return if u >= 0xF900 { t2s::simplified(c) } else { None };
    }
    T2S_INDEX.get(u)
}

/// Folds a whole string with [`fold`], dropping pinyin annotations.
///
/// This allocates; it is meant for names taken out of a document (regions,
/// indicators), not for the scanning hot path, which reads through a [`Cursor`].
///
/// ```
/// use zh_econ::normalize::fold_str;
/// assert_eq!(fold_str("發(fā)明專利"), "发明专利");
/// assert_eq!(fold_str("１０％"), "10%");
/// ```
pub fn fold_str(s: &str) -> String {
    Cursor::new(s, 0).map(|(_, _, c)| c).collect()
}

/// A folded copy of a piece of text that remembers where each of its bytes
/// came from, for matching names (regions, indicators) with automata while
/// reporting spans in the original text.
///
/// ```
/// use zh_econ::normalize::Folded;
/// let f = Folded::new("長興縣(xiàn)GDP", 0);
/// assert_eq!(f.text, "长兴县GDP");
/// assert_eq!(f.original(9), 16); // "G" in the original: 9 bytes of 長興縣, 7 of (xiàn)
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// Where folded offsets meet original ones: `(folded, original)` at the
    /// start of each run of characters folded to characters of the same
    /// length with nothing dropped before them, and one last pair for the
    /// ends. Inside a run the two advance together, so the map costs nothing
    /// on text that folding leaves alone (most text) instead of an offset per
    /// byte. (`u32`: a document over 4 GiB saturates rather than panics.)
    anchors: Vec<(u32, u32)>,
}

impl Folded {
    /// Folds `s`, whose first byte is at offset `base` of the original text.
    pub fn new(s: &str, base: usize) -> Self {
        let mut text = String::with_capacity(s.len());
        let mut anchors = Vec::new();
        let offset = |i: usize| u32::try_from(base + i).unwrap_or(u32::MAX);
        let folded_at = |t: &String| u32::try_from(t.len()).unwrap_or(u32::MAX);
        let bytes = s.as_bytes();
        // `s[run..]` up to the current character is copied unchanged, and
        // starts where the folded text's current run does.
        let mut run = 0;
        // The next character starts a run: after a dropped one or one whose
        // length changed.
        let mut anchor_next = true;
        let index = &*T2S_INDEX;
        let mut i = 0;
        loop {
            if !anchor_next {
                // Inside a run: pass the characters that join it unread.
                i = common_run_end(bytes, i, index);
            }
            let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
                break;
            };
            let u = c as u32;
            // The common characters (ASCII, and unified ideographs with no
            // traditional form and no annotation after them) fold to
            // themselves with nothing to skip: no lookup needed.
            let common = u < 0x80 || (index.keeps(u) && !may_annotate(bytes.get(i + 3)));
            let (f, skip) = if common {
                (c, 0)
            } else if is_ignorable(c) {
                text.push_str(s.get(run..i).unwrap_or(""));
                run = i + c.len_utf8();
                i = run;
                anchor_next = true;
                continue;
            } else {
                let end = i + c.len_utf8();
                let annotated = may_annotate(bytes.get(end)) && is_han(c);
                let skip = if annotated {
                    pinyin_len(s.get(end..).unwrap_or(""))
                } else {
                    0
                };
                (fold(c), skip)
            };
            if f == c && skip == 0 {
                // Unchanged: it joins the run being copied.
                if anchor_next {
                    anchors.push((folded_at(&text), offset(i)));
                    anchor_next = false;
                }
                i += c.len_utf8();
                continue;
            }
            text.push_str(s.get(run..i).unwrap_or(""));
            if anchor_next || f.len_utf8() != c.len_utf8() {
                anchors.push((folded_at(&text), offset(i)));
            }
            text.push(f);
            anchor_next = f.len_utf8() != c.len_utf8() || skip > 0;
            run = i + c.len_utf8() + skip;
            i = run;
        }
        text.push_str(s.get(run..).unwrap_or(""));
        anchors.push((folded_at(&text), offset(s.len())));
        Folded { text, anchors }
    }

    /// The original byte offset of folded byte `i` (clamped to the end); a
    /// byte inside a character answers for the character's start.
    pub fn original(&self, i: usize) -> usize {
        let mut i = i.min(self.text.len());
        while !self.text.is_char_boundary(i) {
            i -= 1;
        }
        // The last anchor at or before `i`; the first is at 0.
        let k = self.anchors.partition_point(|&(f, _)| (f as usize) <= i);
        match self.anchors.get(k.wrapping_sub(1)) {
            Some(&(f, o)) => (o as usize + (i - f as usize)).min(u32::MAX as usize),
            None => 0,
        }
    }

    /// The original byte offset just past folded byte range ending at `i`.
    pub fn original_end(&self, i: usize) -> usize {
        // The end of a match is the start of the next folded character.
        self.original(i)
    }

    /// The first folded byte whose character starts at or after original
    /// offset `a` (the folded length if none does, one past it if `a` is
    /// past the end).
    fn folded_at(&self, a: usize) -> usize {
        let k = self.anchors.partition_point(|&(_, o)| (o as usize) <= a);
        let Some(&(f, o)) = self.anchors.get(k.wrapping_sub(1)) else {
            return 0; // before the first character
        };
        let (f, o) = (f as usize, o as usize);
        let Some(&(next_f, _)) = self.anchors.get(k) else {
            // At or past the end anchor.
            return if a == o { f } else { f + 1 };
        };
        // Inside a run, folded and original characters have the same
        // lengths: the character at `a`, or the next one if `a` is inside
        // one; past the run's characters (a dropped stretch) the next run.
        let next_f = next_f as usize;
        let mut i = f + (a - o);
        if i >= next_f {
            return next_f;
        }
        while !self.text.is_char_boundary(i) {
            i += 1;
        }
        i
    }

    /// The folded character at folded byte `i`.
    pub(crate) fn char_at(&self, i: usize) -> Option<char> {
        self.text.get(i..)?.chars().next()
    }

    /// The folded character just before folded byte `i`.
    pub(crate) fn char_before(&self, i: usize) -> Option<char> {
        self.text.get(..i)?.chars().next_back()
    }

    /// True if the folded text continues with `pat` at folded byte `i`.
    pub(crate) fn starts_with_at(&self, i: usize, pat: &str) -> bool {
        self.text.get(i..).is_some_and(|r| r.starts_with(pat))
    }

    /// The part of this folded text that came from original bytes `a..b`,
    /// borrowed: a clause or window of a document folded once, instead of
    /// folding the piece again.
    pub(crate) fn view(&self, a: usize, b: usize) -> FoldedView<'_> {
        let i = self.folded_at(a);
        let j = self.folded_at(b).max(i);
        FoldedView {
            text: self.text.get(i..j).unwrap_or(""),
            folded: self,
            start: i,
            past_end: j > self.text.len(),
        }
    }

    /// The folded text of `a..b`, owned (a name as written, simplified).
    pub(crate) fn name(&self, a: usize, b: usize) -> String {
        self.text.get(a..b).unwrap_or("").to_string()
    }
}

/// A borrowed piece of a [`Folded`] text (see [`Folded::view`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct FoldedView<'a> {
    /// The folded text of the piece.
    pub(crate) text: &'a str,
    folded: &'a Folded,
    /// Where the piece starts in the folded text.
    start: usize,
    /// The piece was asked for past the end of the text: it has no offsets.
    past_end: bool,
}

impl FoldedView<'_> {
    /// The folded byte range of the piece in the whole folded text.
    pub(crate) fn range(&self) -> (usize, usize) {
        (self.start, self.start + self.text.len())
    }

    /// The original byte offset of folded byte `i` of the piece (clamped to
    /// its end).
    pub(crate) fn original(&self, i: usize) -> usize {
        if self.past_end {
            return 0;
        }
        self.folded.original(self.start + i.min(self.text.len()))
    }
}

/// True for a character of the CJK unified ideographs (and extension A).
///
/// ```
/// use zh_econ::normalize::is_han;
/// assert!(is_han('万'));
/// assert!(!is_han('5'));
/// ```
#[inline]
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// A forward reader over `text` that yields `(start, end, folded_char)`.
///
/// `end` runs past any pinyin annotation that follows a Han character, so a
/// span built from cursor positions covers the noise as written (the contract
/// keeps `發(fā)明` inside a span) while matchers see only `发明`.
///
/// ```
/// use zh_econ::normalize::Cursor;
/// let items: Vec<_> = Cursor::new("億(yì)元", 0).collect();
/// assert_eq!(items, vec![(0, 8, '亿'), (8, 11, '元')]);
/// ```
#[derive(Debug, Clone)]
pub struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at byte `pos` of `text` (clamped to the end; it moves forward
    /// to the next char boundary if `pos` is inside a character).
    pub fn new(text: &'a str, pos: usize) -> Self {
        let mut pos = pos.min(text.len());
        while !text.is_char_boundary(pos) {
            pos += 1;
        }
        Cursor { text, pos }
    }

    /// The byte offset of the next character.
    #[inline]
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// The next folded character without consuming it.
    // Called at every step of the grammar: always inlined (the rare path
    // past an ignorable character is a call of its own).
    #[inline(always)]
    pub fn peek(&self) -> Option<char> {
        // The position is a char boundary: a byte below 0x80 there is a
        // whole ASCII character, which folds to itself.
        match self.text.as_bytes().get(self.pos) {
            Some(&b) if b < 0x80 => Some(char::from(b)),
            // The bytes of `may_ignore`, as a pattern: a guard calling it here
            // measured 5% slower on the parse bench.
            Some(0xC2 | 0xD8 | 0xE1 | 0xE2 | 0xEF) if ignorable_len(self.rest().as_bytes()) > 0 => {
                self.peek_past_ignorable()
            }
            _ => self.rest().chars().next().map(fold),
        }
    }

    /// [`Cursor::peek`] where an ignorable character may stand.
    #[cold]
    #[inline(never)]
    fn peek_past_ignorable(&self) -> Option<char> {
        let mut c = self.clone();
        c.skip_ignorable();
        c.rest().chars().next().map(fold)
    }

    /// Steps over ignorable characters (see [`is_ignorable`]).
    #[inline]
    fn skip_ignorable(&mut self) {
        while may_ignore(self.text.as_bytes().get(self.pos)) {
            match ignorable_len(self.rest().as_bytes()) {
                0 => break,
                n => self.pos += n,
            }
        }
    }

    /// The text this cursor reads.
    #[inline]
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Consumes `s` (compared after folding) if the text continues with it.
    ///
    /// ```
    /// use zh_econ::normalize::Cursor;
    /// let mut c = Cursor::new("個百分點", 0);
    /// assert!(c.eat("个百分点"));
    /// assert_eq!(c.pos(), 12);
    /// ```
    #[inline]
    pub fn eat(&mut self, s: &str) -> bool {
        // Most calls fail on the first byte: an ASCII character folds to
        // itself, so a different ASCII byte (or the end of the text) decides
        // without a call.
        match (self.rest().as_bytes().first(), s.as_bytes().first()) {
            (Some(&a), Some(&b)) if a < 0x80 && a != b => false,
            (None, Some(_)) => false,
            _ => self.eat_slow(s),
        }
    }

    fn eat_slow(&mut self, s: &str) -> bool {
        let rest = self.rest();
        // Fast path: written exactly as given (simplified, no annotation inside).
        // An inlined byte loop: most calls fail on the first byte, and a libc
        // memcmp call per attempt dominated the scanner's profile.
        let (r, w) = (rest.as_bytes(), s.as_bytes());
        let mismatch = w.iter().zip(r).position(|(a, b)| a != b);
        if mismatch.is_none() && w.len() <= r.len() {
            let mut end = self.pos + s.len();
            if may_annotate(r.get(s.len())) && s.chars().next_back().is_some_and(is_han) {
                end += pinyin_len(rest.get(s.len()..).unwrap_or(""));
            }
            self.pos = end;
            return true;
        }
        // The bytes differ at `k`, inside the character as written that
        // starts at `at`: the characters before it are the word's own (so
        // folding keeps them). If folding keeps that one too (ASCII but an
        // annotation's parenthesis, or an ideograph with no traditional
        // form), the folded text differs there as well: no match. Most
        // failed calls end here (a word set tries each word that shares the
        // first character), without folding a character.
        if let Some(k) = mismatch {
            let at = (0..=k).rev().find(|&i| rest.is_char_boundary(i)).unwrap_or(0);
            if let Some(c) = rest.get(at..).and_then(|t| t.chars().next()) {
                let u = c as u32;
                if (u < 0x80 && c != '(') || T2S_INDEX.keeps(u) {
                    return false;
                }
            }
        }
        // Otherwise compare folded characters, failing fast on the first one.
        let mut want = s.chars();
        match (want.next(), self.peek()) {
            (None, _) => return true,
            (Some(w), Some(c)) if c == w => {}
            _ => return false,
        }
        let mut probe = self.clone();
        for want in s.chars() {
            match probe.next() {
                Some((_, _, got)) if got == want => {}
                _ => return false,
            }
        }
        *self = probe;
        true
    }

    /// Consumes any run of spaces (ASCII, ideographic, no-break) and
    /// zero-width characters.
    pub fn skip_spaces(&mut self) {
        while let Some(c) = self.rest().chars().next() {
            if is_space(c) {
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
    }

    #[inline]
    fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or("")
    }
}

/// A table of words (with a value each) indexed by their first character, for
/// longest-match lookups at a cursor. Each lookup folds one character of the
/// text and compares only the words that begin with it; the lexicons of the
/// scanner (qualifiers, time words, compounds …) are built into these once.
///
/// ```
/// use zh_econ::normalize::{Cursor, WordSet};
/// let set = WordSet::new(&[("以上", 1), ("以下", 2), ("以内", 3)]);
/// assert_eq!(set.longest(&Cursor::new("以內的企業", 0)), Some((3, 6)));
/// assert_eq!(set.longest(&Cursor::new("以外", 0)), None);
/// ```
#[derive(Debug, Clone)]
pub struct WordSet<T> {
    /// `(first char, word, value)`, sorted by first char, longest word first.
    entries: Vec<(char, &'static str, T)>,
    /// An open-addressed hash of the first characters: `(char, from, to)`,
    /// the run of `entries` that begins with it (`from == to`: empty slot).
    /// At most half full, so a lookup ends within a probe or two.
    slots: Vec<(char, u32, u32)>,
    /// `32 - log2(slots.len())`: the hash keeps the top bits.
    shift: u32,
    /// One bit per ASCII character that begins a word: most lookups in the
    /// grammar stand at a digit, and fail here without a probe.
    ascii: u128,
}

impl<T: Copy> WordSet<T> {
    /// Builds the index.
    pub fn new(words: &[(&'static str, T)]) -> Self {
        let mut entries: Vec<(char, &'static str, T)> = words
            .iter()
            .filter_map(|&(w, t)| w.chars().next().map(|c| (c, w, t)))
            .collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.len().cmp(&a.1.len())));
        let mut runs: Vec<(char, u32, u32)> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            match runs.last_mut() {
                Some(run) if run.0 == e.0 => run.2 = i + 1,
                _ => runs.push((e.0, i, i + 1)),
            }
        }
        let size = (runs.len() * 2).next_power_of_two().max(2);
        let shift = 32 - size.trailing_zeros();
        let mut slots = vec![('\0', 0, 0); size];
        for run in runs {
            let mut i = slot_of(run.0, shift);
            while slots.get(i).is_some_and(|s| s.1 != s.2) {
                i = (i + 1) & (size - 1);
            }
            if let Some(s) = slots.get_mut(i) {
                *s = run;
            }
        }
        let ascii = entries
            .iter()
            .filter(|e| e.0.is_ascii())
            .fold(0u128, |m, e| m | 1u128 << (e.0 as u32));
        WordSet {
            entries,
            slots,
            shift,
            ascii,
        }
    }

    /// The entries whose word begins with `first`.
    #[inline]
    fn run(&self, first: char) -> &[(char, &'static str, T)] {
        if first.is_ascii() && self.ascii & 1u128 << (first as u32) == 0 {
            return &[];
        }
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = slot_of(first, self.shift);
        while let Some(&(c, from, to)) = self.slots.get(i) {
            if from == to {
                break;
            }
            if c == first {
                return self.entries.get(from as usize..to as usize).unwrap_or(&[]);
            }
            i = (i + 1) & mask;
        }
        &[]
    }

    /// The value and end offset of the longest word at the cursor.
    #[inline]
    pub fn longest(&self, at: &Cursor<'_>) -> Option<(T, usize)> {
        let first = at.peek()?;
        for &(_, word, t) in self.run(first) {
            let mut probe = at.clone();
            if probe.eat(word) {
                return Some((t, probe.pos()));
            }
        }
        None
    }

    /// The words of the set that begin with `first` (folded), longest first.
    pub(crate) fn starting_with(&self, first: char) -> impl Iterator<Item = (&'static str, T)> + '_ {
        self.run(first).iter().map(|&(_, w, t)| (w, t))
    }

    /// The longest word of the set at the start of `s`, compared byte for
    /// byte: for text already folded (a [`Folded`] text), which a [`Cursor`]
    /// would fold again.
    pub(crate) fn longest_prefix(&self, s: &str) -> Option<(&'static str, T)> {
        let first = s.chars().next()?;
        // Longest first.
        self.starting_with(first).find(|(w, _)| s.starts_with(w))
    }

    /// True if a word of the set starts at the cursor.
    pub fn starts(&self, at: &Cursor<'_>) -> bool {
        self.longest(at).is_some()
    }
}

/// The home slot of `c` in a table of `2^(32 - shift)` slots (Fibonacci hashing).
#[inline]
pub(crate) fn slot_of(c: char, shift: u32) -> usize {
    ((c as u32).wrapping_mul(0x9E37_79B9) >> shift) as usize
}

impl WordSet<()> {
    /// A set of plain words.
    pub fn of(words: &[&'static str]) -> Self {
        let pairs: Vec<(&'static str, ())> = words.iter().map(|&w| (w, ())).collect();
        WordSet::new(&pairs)
    }
}

/// A small set of literal terminators (sentence ends) searched for byte by
/// byte: a table lookup per byte, a comparison only at the bytes that may
/// begin one, and never a decoded character (checked against a char-by-char
/// search in the unit tests). The reference for the memchr search of
/// `fact::sentence_ends`.
#[cfg(test)]
#[derive(Debug)]
pub(crate) struct Terminators {
    words: &'static [&'static str],
    first: [bool; 256],
}

#[cfg(test)]
impl Terminators {
    /// Indexes `words` (each non-empty) by first byte.
    // A u8 indexes a [_; 256] (and this runs at compile time).
    #[allow(clippy::indexing_slicing)]
    pub(crate) const fn new(words: &'static [&'static str]) -> Self {
        let mut first = [false; 256];
        let mut rest = words;
        while let [w, tail @ ..] = rest {
            if let [b, ..] = w.as_bytes() {
                first[*b as usize] = true;
            }
            rest = tail;
        }
        Terminators { words, first }
    }

    /// Byte offset just past the first terminator at or after `start`, if
    /// there is one.
    pub(crate) fn next_end(&self, text: &str, start: usize) -> Option<usize> {
        let bytes = text.as_bytes();
        let mut i = start;
        while let Some(&b) = bytes.get(i) {
            if self.first.get(usize::from(b)).copied().unwrap_or(false) {
                let rest = bytes.get(i..).unwrap_or(&[]);
                if let Some(w) = self.words.iter().find(|w| rest.starts_with(w.as_bytes())) {
                    return Some(i + w.len());
                }
            }
            i += 1;
        }
        None
    }
}

/// A set of characters of the Basic Multilingual Plane as written, one bit
/// each (8 KiB), built from a predicate on their folded form: the starts of
/// quantities or of periods, `１`, `億` and `約` included. A search tests each
/// character against it and skips the rest, so text with nothing to find
/// costs one bit test per character.
#[derive(Debug, Clone)]
pub(crate) struct StartSet {
    bits: Vec<u64>,
}

impl StartSet {
    /// Every BMP character `c` with `pred(fold(c))`.
    pub(crate) fn folded(pred: fn(char) -> bool) -> Self {
        StartSet {
            bits: vec![0u64; 0x10000 / 64],
        }
        .with(|c| pred(fold(c)))
    }

    /// This set with every BMP character `c` (as written) with `pred(c)` added.
    pub(crate) fn with(mut self, pred: impl Fn(char) -> bool) -> Self {
        for u in 0..0x10000u32 {
            if char::from_u32(u).is_some_and(&pred) {
                if let Some(w) = self.bits.get_mut(u as usize / 64) {
                    *w |= 1 << (u % 64);
                }
            }
        }
        self
    }

    /// True if `c` (as written) is in the set.
    #[inline]
    pub(crate) fn contains(&self, c: char) -> bool {
        let u = c as usize;
        self.bits.get(u / 64).is_some_and(|w| w & (1 << (u % 64)) != 0)
    }

    /// The first character of `text[from..end]` in the set, with its offset.
    #[inline]
    pub(crate) fn next_in(&self, text: &str, from: usize, end: usize) -> Option<(usize, char)> {
        let (off, c) = text.get(from..end)?.char_indices().find(|&(_, c)| self.contains(c))?;
        Some((from + off, c))
    }
}

/// True if `c` is one of the characters of `set`, a short list. A list of
/// `char`s, not a string: `str::contains` with a char runs a substring
/// search (an encoding and a `memcmp` call per test), which measured 1.3% of
/// the scanner in one context rule, and comparing a string's characters
/// decodes each of them on every test (most of the cost of reading an
/// organisation's name).
#[inline]
pub(crate) fn is_one_of(c: char, set: &[char]) -> bool {
    set.contains(&c)
}

/// Spaces that may stand inside scraped numbers and between a number and its
/// unit: ASCII space and tab, no-break, ideographic, thin and zero-width spaces.
#[inline]
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\u{a0}'
            | '\u{3000}'
            | '\u{2009}'
            | '\u{200a}'
            | '\u{202f}'
            | '\u{200b}'
            | '\u{200c}'
            | '\u{200d}'
            | '\u{feff}'
    )
}

/// Invisible format characters that carry no content: zero-width spaces and
/// joiners, the soft hyphen, bidi marks, embeddings, overrides and isolates,
/// the word joiner, invisible operators and the byte-order mark. Scraped and
/// copied text has them anywhere, even inside numbers (`13\u{200b}18.2亿元`):
/// a [`Cursor`] reads through them and [`Folded`] drops them, while spans
/// keep them.
///
/// ```
/// use zh_econ::normalize::{is_ignorable, Cursor};
/// assert!(is_ignorable('\u{200b}'));
/// assert!(!is_ignorable(' '));
/// let read: String = Cursor::new("13\u{200b}18\u{202e}亿", 0).map(|(_, _, c)| c).collect();
/// assert_eq!(read, "1318亿");
/// ```
#[inline]
pub fn is_ignorable(c: char) -> bool {
    let u = c as u32;
    // Most characters answer here: ASCII and Latin-1 below, CJK above.
    if u < 0xAD || (u > 0x2069 && u != 0xFEFF) {
        return false;
    }
    matches!(
        c,
        '\u{ad}'
            | '\u{61c}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
    )
}

/// The length of the ignorable character `bytes` begins with, or 0: the
/// bytes of [`is_ignorable`]'s characters, matched without decoding (most
/// text fails on the first byte; full-width punctuation, EF BC …, on the
/// second).
#[inline]
fn ignorable_len(bytes: &[u8]) -> usize {
    if !may_ignore(bytes.first()) {
        return 0;
    }
    match bytes {
        [0xC2, 0xAD, ..] | [0xD8, 0x9C, ..] => 2,
        [0xE1, 0xA0, 0x8E, ..]
        | [0xE2, 0x80, 0x8B..=0x8F | 0xAA..=0xAE, ..]
        | [0xE2, 0x81, 0xA0..=0xA4 | 0xA6..=0xA9, ..]
        | [0xEF, 0xBB, 0xBF, ..] => 3,
        _ => 0,
    }
}

/// True if `b` may begin an ignorable character: the first bytes of
/// [`is_ignorable`]'s characters (C2, D8, E1, E2, EF). One byte test spares
/// [`ignorable_len`] before almost every character.
#[inline(always)]
fn may_ignore(b: Option<&u8>) -> bool {
    matches!(b, Some(0xC2 | 0xD8 | 0xE1 | 0xE2 | 0xEF))
}

/// True if `next` (the byte after a character) may open a pinyin annotation:
/// `(`, or the first byte of `（` (EF BC 88). One byte test spares the
/// annotation check after almost every character.
#[inline]
pub(crate) fn may_annotate(next: Option<&u8>) -> bool {
    matches!(next, Some(b'(' | 0xEF))
}

/// The end of the run of common characters from `i` (a character boundary):
/// ASCII, unified ideographs (lead bytes E4 to E9, three bytes) at or above
/// U+4E00 that the t2s table does not map and no annotation follows, and the
/// punctuation that folds to itself (CJK marks, curly quotes). A test checks
/// that each character this passes folds to itself.
/// [`Folded::new`] keeps them as they are; this loop reads their bytes
/// without decoding characters, the work of most of a text.
#[inline]
fn common_run_end(bytes: &[u8], mut i: usize, index: &T2sIndex) -> usize {
    loop {
        match bytes.get(i..i + 3) {
            Some(&[b, ..]) if b < 0x80 => i += 1,
            Some(&[b @ 0xE4..=0xE9, b1, b2]) => {
                let u = (u32::from(b & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
                // `!index.keeps(u)`: these lead bytes put `u` below U+A000
                // already, so only the lower bound is tested.
                if u < 0x4E00 || index.maps(u) || may_annotate(bytes.get(i + 3)) {
                    return i;
                }
                i += 3;
            }
            // CJK punctuation (、。「」《》【】: U+3001 to U+303F but 〇, which
            // folds to 零; the table maps none of them) and curly quotes and
            // the ellipsis (‘ ’ “ ” …): not Han, so never annotated.
            Some(&[0xE3, 0x80, 0x81..=0x86 | 0x88..=0xBF]) | Some(&[0xE2, 0x80, 0x98 | 0x99 | 0x9C | 0x9D | 0xA6]) => {
                i += 3
            }
            // The last two bytes: ASCII, or left to the caller.
            None if bytes.get(i).is_some_and(|&b| b < 0x80) => i += 1,
            _ => return i,
        }
    }
}

/// Length in bytes of an inline pinyin annotation (`(chǎn)` or `（chǎn）`)
/// at the start of `s`, or 0 if there is none.
fn pinyin_len(s: &str) -> usize {
    let (open, close) = match s.as_bytes().first() {
        Some(b'(') => ('(', ')'),
        _ if s.starts_with('（') => ('（', '）'),
        _ => return 0,
    };
    let body = &s[open.len_utf8()..];
    let mut letters = 0usize;
    for (i, c) in body.char_indices() {
        if c == close {
            return if (1..=7).contains(&letters) {
                open.len_utf8() + i + close.len_utf8()
            } else {
                0
            };
        }
        if c.is_ascii_lowercase() || is_tone_letter(c) {
            letters += 1;
            if letters > 7 {
                return 0;
            }
        } else {
            return 0;
        }
    }
    0
}

#[inline]
fn is_tone_letter(c: char) -> bool {
    matches!(
        c,
        'ā' | 'á'
            | 'ǎ'
            | 'à'
            | 'ē'
            | 'é'
            | 'ě'
            | 'è'
            | 'ī'
            | 'í'
            | 'ǐ'
            | 'ì'
            | 'ō'
            | 'ó'
            | 'ǒ'
            | 'ò'
            | 'ū'
            | 'ú'
            | 'ǔ'
            | 'ù'
            | 'ǖ'
            | 'ǘ'
            | 'ǚ'
            | 'ǜ'
            | 'ü'
            | 'ń'
            | 'ň'
            | 'ḿ'
    )
}

impl Iterator for Cursor<'_> {
    type Item = (usize, usize, char);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        self.skip_ignorable();
        let rest = self.rest();
        let c = rest.chars().next()?;
        let start = self.pos;
        let mut end = start + c.len_utf8();
        if may_annotate(rest.as_bytes().get(c.len_utf8())) && is_han(c) {
            end += pinyin_len(rest.get(c.len_utf8()..).unwrap_or(""));
        }
        self.pos = end;
        Some((start, end, fold(c)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_folds_to_ascii() {
        let s: String = "１３１８．２％～ＧＷ".chars().map(fold).collect();
        assert_eq!(s, "1318.2%~GW");
    }

    #[test]
    fn pinyin_only_after_han() {
        // "(ab)" after an ASCII letter is ordinary text.
        let v: Vec<_> = Cursor::new("x(ab)", 0).map(|t| t.2).collect();
        assert_eq!(v, vec!['x', '(', 'a', 'b', ')']);
        let v: Vec<_> = Cursor::new("發(fā)(2)", 0).map(|t| t.2).collect();
        assert_eq!(v, vec!['发', '(', '2', ')']);
    }

    #[test]
    fn annotation_too_long_is_text() {
        let v: String = Cursor::new("中(abcdefgh)", 0).map(|t| t.2).collect();
        assert_eq!(v, "中(abcdefgh)");
    }

    /// The obvious folded text and map, built from a [`Cursor`] (one folded
    /// character per cursor step, an original offset per folded byte).
    fn folded_reference(s: &str, base: usize) -> (String, Vec<usize>) {
        let mut text = String::new();
        let mut map = Vec::new();
        for (start, _, c) in Cursor::new(s, 0) {
            text.push(c);
            map.resize(text.len(), base + start);
        }
        map.push(base + s.len());
        (text, map)
    }

    /// [`Folded`] (text, `original`, `view`) against [`folded_reference`]:
    /// `original(i)` is `map[i]`, and a view of original `a..b` starts at the
    /// first folded byte mapped at or after `a`.
    fn assert_folds_like_reference(s: &str) {
        let base = 7;
        let (text, map) = folded_reference(s, base);
        let f = Folded::new(s, base);
        assert_eq!(f.text, text, "{s:?}");
        let got: Vec<usize> = (0..=text.len() + 2).map(|i| f.original(i)).collect();
        let want: Vec<usize> = (0..=text.len() + 2)
            .map(|i| *map.get(i).or(map.last()).unwrap())
            .collect();
        assert_eq!(got, want, "{s:?}");
        let at = |a: usize| map.partition_point(|&o| o < a);
        let ends = base + s.len() + 2;
        for a in 0..=ends {
            for b in [a, a + 1, a + 3, ends] {
                let (i, j) = (at(a), at(b).max(at(a)));
                let v = f.view(a, b);
                assert_eq!(v.text, text.get(i..j).unwrap_or(""), "{s:?} view {a}..{b}");
                let slice = map.get(i..=j).unwrap_or(&[]);
                for k in 0..=v.text.len() + 1 {
                    let want = slice.get(k).or(slice.last()).map_or(0, |&o| o);
                    assert_eq!(v.original(k), want, "{s:?} view {a}..{b} at {k}");
                }
            }
        }
    }

    #[test]
    fn folded_matches_cursor_reference() {
        for s in [
            "",
            "abc",
            "長興縣(xiàn)GDP增長１２．３％",
            "產(chǎn)業(yè)（chǎn）x(ab)中(abcdefgh)",
            "２０２３年\u{3000}全縣億元〇",
            "a中",
            "中(",
            "\u{feff}13\u{200b}18.2\u{202e}億\u{ad}元\u{2069}",
            "產\u{200d}(chǎn)",
            "\u{200b}",
            "發(fā)",
            "—增長(zhǎng)１",
        ] {
            assert_folds_like_reference(s);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        /// `eat` answers as comparing the word with the cursor's folded
        /// characters one by one, and ends where they do. The words are
        /// mostly the text's own folded start, cut anywhere and perhaps with
        /// its last character changed: near misses, where the fast paths
        /// decide. (No word of a lexicon has an annotation's opening
        /// parenthesis after a Han character, which the byte comparison
        /// matches as written: `(` is in the texts, not in the words;
        /// `eat_decides_near_misses_by_folding` has the annotations.)
        #[test]
        fn eat_agrees_with_folded_characters(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "万", "萬", "元", "億", "亿", "(wàn)", "（wàn）", "(", "个", "個", "%", "１", "1", "\u{200b}", "年",
                    "a", "中",
                ]),
                0..6,
            ),
            cut in 0usize..8,
            last in proptest::option::of(proptest::sample::select(vec!['万', '元', '亿', 'a', '1', '个', '%'])),
        ) {
            let text = parts.concat();
            let mut word: Vec<char> = fold_str(&text).chars().take(cut).collect();
            if let (Some(l), Some(w)) = (last, word.last_mut()) {
                *w = l;
            }
            let word: String = word.into_iter().collect();
            proptest::prop_assume!(!word.contains('('));
            let mut fast = Cursor::new(&text, 0);
            let mut slow = Cursor::new(&text, 0);
            let matched = word.chars().all(|w| slow.next().is_some_and(|(_, _, c)| c == w));
            proptest::prop_assert_eq!(fast.eat(&word), matched, "{:?} in {:?}", word, text);
            if matched {
                proptest::prop_assert_eq!(fast.pos(), slow.pos());
            }
        }

        /// Any mix of the characters folding changes (traditional, full-width,
        /// dashes, invisible ones, annotations) and those it keeps.
        #[test]
        fn folded_agrees_with_reference(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "中", "億", "發", "(fā)", "（chǎn）", "(ab", ")", "a", "5", "１", "．",
                "\u{200b}", "\u{ad}", "—", "\u{3000}", "〇", "𠀀", "é", "。", "“", "…", "、",
            ]),
            0..12,
        )) {
            assert_folds_like_reference(&parts.concat());
        }
    }

    /// Every character the byte loop of [`Folded::new`] passes folds to
    /// itself, is not ignorable, and starts no annotation's skip.
    #[test]
    fn common_runs_hold_only_characters_folding_keeps() {
        let index = &*T2S_INDEX;
        for c in (0..0x1_0000u32).filter_map(char::from_u32) {
            for after in ["x", "(", "（", "中"] {
                let text = format!("{c}{after}");
                if common_run_end(text.as_bytes(), 0, index) >= c.len_utf8() {
                    assert_eq!(fold(c), c, "{c:?}");
                    assert!(!is_ignorable(c), "{c:?}");
                    assert!(
                        !(is_han(c) && may_annotate(text.as_bytes().get(c.len_utf8()))),
                        "{c:?} before {after:?}"
                    );
                }
            }
        }
    }

    /// The rank index answers exactly as a binary search of the table, for
    /// every code point that has an entry and every one that has not.
    #[test]
    fn t2s_index_matches_binary_search() {
        for u in 0..0x3_0000u32 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(simplified(c), t2s::simplified(c), "U+{u:04X}");
            }
        }
        assert_eq!(simplified('億'), Some('亿'));
        assert_eq!(simplified('亿'), None);
    }

    #[test]
    fn terminators_match_char_search() {
        const ENDS: Terminators = Terminators::new(&["。", "！", "\n", ";"]);
        for text in ["增长5%。其中", "无终止", "a;b", "！", "", "億元\n", "。。"] {
            for start in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let slow = text[start..]
                    .char_indices()
                    .find(|&(_, c)| matches!(c, '。' | '！' | '\n' | ';'))
                    .map_or(text.len(), |(i, c)| start + i + c.len_utf8());
                assert_eq!(
                    ENDS.next_end(text, start).unwrap_or(text.len()),
                    slow,
                    "{text:?} from {start}"
                );
            }
        }
    }

    #[test]
    fn word_set_index_matches_linear_search() {
        // Words with many shared and many distinct first characters, of
        // every width, so that the hash table has collisions and long runs.
        let mut words: Vec<&'static str> = vec![
            "以上",
            "以下",
            "以内",
            "以",
            "万元",
            "万",
            "%",
            "~",
            "3D",
            "\u{7f}",
            "个百分点",
            "个",
            "𠀀年",
        ];
        let extra: String = ('\u{4e00}'..='\u{4fff}').step_by(7).collect();
        let extra: &'static str = Box::leak(extra.into_boxed_str());
        words.extend(extra.char_indices().map(|(i, c)| &extra[i..i + c.len_utf8()]));
        let pairs: Vec<(&'static str, usize)> = words.iter().enumerate().map(|(i, &w)| (w, i)).collect();
        for n in [0, 1, 2, 3, 10, pairs.len()] {
            let set = WordSet::new(&pairs[..n]);
            for u in (0..0x10000u32).chain(0x20000..0x20002) {
                let Some(c) = char::from_u32(u) else { continue };
                let mut want: Vec<(&str, usize)> =
                    pairs[..n].iter().copied().filter(|(w, _)| w.starts_with(c)).collect();
                want.sort_by_key(|w| std::cmp::Reverse(w.0.len()));
                let got: Vec<(&str, usize)> = set.starting_with(c).collect();
                assert_eq!(got.len(), want.len(), "{c:?} in {n}");
                assert!(got.iter().all(|g| want.contains(g)), "{c:?} in {n}");
                assert!(
                    got.windows(2).all(|p| p[0].0.len() >= p[1].0.len()),
                    "{c:?}: longest first"
                );
            }
        }
    }

    #[test]
    fn start_set_finds_folded_starts() {
        let set = StartSet::folded(|c| c == '亿' || c == '5');
        let text = "增长５億亿5";
        let found: Vec<usize> = std::iter::successors(set.next_in(text, 0, text.len()), |&(at, c)| {
            set.next_in(text, at + c.len_utf8(), text.len())
        })
        .map(|(at, _)| at)
        .collect();
        assert_eq!(found, [6, 9, 12, 15]);
        assert_eq!(set.next_in(text, 0, 6), None);
    }

    /// Near misses that only folding decides: an annotation or an invisible
    /// character where the word goes on, a traditional character, a
    /// full-width one.
    #[test]
    fn eat_decides_near_misses_by_folding() {
        for (text, word, eats) in [
            ("万(wàn)元", "万元", true),
            ("万（wàn）元", "万元", true),
            ("万(wàn)亿", "万元", false),
            ("万\u{200b}元", "万元", true),
            ("萬元", "万元", true),
            ("万億", "万亿", true),
            ("万亿", "万元", false),
            ("１%", "1%", true),
            ("1％", "1%", true),
            ("万(", "万元", false),
            ("万", "万元", false),
        ] {
            assert_eq!(Cursor::new(text, 0).eat(word), eats, "{word:?} in {text:?}");
        }
    }

    /// The byte patterns of ignorable characters are exactly their encodings.
    #[test]
    fn ignorable_bytes_match_characters() {
        for c in (0..0x11000u32).filter_map(char::from_u32) {
            let mut buf = [0u8; 8];
            let n = c.encode_utf8(&mut buf).len();
            let want = if is_ignorable(c) { n } else { 0 };
            assert_eq!(ignorable_len(&buf[..n]), want, "{c:?}");
        }
    }

    /// A view of a document folded once reads as the piece folded alone.
    #[test]
    fn view_matches_folding_the_piece() {
        let text = "長興縣(xiàn)規上工業增加值達３００．９億元，同比增長12.3%。";
        let whole = Folded::new(text, 0);
        let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        for &a in &bounds {
            for &b in bounds.iter().filter(|&&b| b >= a) {
                // Offsets inside the annotation are not piece boundaries.
                if (9..16).contains(&a) || (9..16).contains(&b) {
                    continue;
                }
                let piece = Folded::new(&text[a..b], a);
                let view = whole.view(a, b);
                assert_eq!(view.text, piece.text, "{a}..{b}");
                for i in 0..=piece.text.len() {
                    assert_eq!(view.original(i), piece.original(i), "{a}..{b} at {i}");
                }
            }
        }
    }

    #[test]
    fn cursor_starts_on_boundary() {
        let c = Cursor::new("万元", 1);
        assert_eq!(c.pos(), 3);
        assert_eq!(Cursor::new("万", 99).pos(), 3);
    }
}
