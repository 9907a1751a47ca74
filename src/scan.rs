//! Finding every quantity in running text.
//!
//! The scanner walks the text one sentence at a time. In each sentence it
//! reads a candidate wherever a number (or a qualifier, `第`, `每`, `¥` …)
//! can begin, using the grammar of [`crate::quantity`], then judges it in
//! context:
//!
//! - years, dates, durations (`3个月`, `40余年`) and bare numbers are not
//!   quantities (they carry no unit of the contract);
//! - `一` and `二` before a measure word are an article or an ordinal
//!   (`一家公司`, `二次攀登`): counts are written `1家`, `两家`;
//! - a number inside a short quotation is a name (`“33条”`, `“5050计划”`),
//!   and so is `N条` before `举措`, `意见`, `政策` …;
//! - `第N` is a rank when written `第N位`/`第N名`, or after 居, 位列, 排名 …;
//! - digits inside Latin words and URLs (`a0002`, `/2023/`) are skipped.
//!
//! Then, within the sentence, a unit written once for a list is shared
//! (`2.2个、4.4个百分点`, `15.7、12.4和1.1个百分点`), a rate written without its
//! numerator unit takes it from a parallel rate (`1.75亿/家、0.15亿元/家`), and
//! a bare number after `倍差` is a multiple.
//!
//! ```
//! use zh_econ::scan::quantities;
//!
//! let text = "2023年海宁市实现地区生产总值1318.2亿元，同比增长6.8%；新增“专精特新”企业近50家。";
//! let found: Vec<_> = quantities(text).map(|q| (q.text, q.value.unwrap().to_string())).collect();
//! assert_eq!(found, [
//!     ("1318.2亿元".to_string(), "131820000000".to_string()),
//!     ("6.8%".to_string(), "6.8".to_string()),
//!     ("近50家".to_string(), "50".to_string()),
//! ]);
//! ```

use crate::normalize::{fold, is_han, is_ignorable, is_one_of, is_space, Cursor, StartSet, WordSet};
use crate::numeral;
use crate::quantity::{self, Lead, Mode, Quantity, Raw};
use crate::unit::{self, Kind, Unit, CHENG_NOT_PERCENT, CHROME_LABELS, COMPOUNDS, NAME_WORDS, TIME_WORDS};
use rust_decimal::Decimal;
use std::sync::LazyLock;

/// Every quantity of `text`, in order, as a lazy iterator.
///
/// Spans are byte offsets into `text`; quantities never overlap.
///
/// ```
/// let q = zh_econ::scan::quantities("长兴县规上工业增加值达300.9億元").next().unwrap();
/// assert_eq!(q.text, "300.9億元");
/// assert_eq!(q.unit.unwrap().code(), "CNY");
/// ```
pub fn quantities(text: &str) -> Quantities<'_> {
    with_batch(text, BATCH)
}

/// [`quantities`], resolving a long sentence in batches of about `batch`
/// candidates (see [`BATCH`]).
fn with_batch(text: &str, batch: usize) -> Quantities<'_> {
    Quantities {
        text,
        pos: 0,
        buf: Vec::new(),
        context: 0,
        tried: 0,
        batch,
        pause_at: batch,
        out: Vec::new(),
        next: 0,
        passed: Passed::default(),
    }
}

/// How many candidates of one sentence are read before those that no later
/// one can change are resolved and handed out. A sentence is the unit of
/// resolution (a list's unit is written once, at its end), but a document
/// with no punctuation is one sentence: without batches its candidates would
/// all be held at once, and memory, not work, would grow faster than the text.
const BATCH: usize = 256;

/// How far the resolution of a rate looks for a parallel item, each way.
const NEAR: usize = 8;

/// Every quantity of `text`, collected.
///
/// ```
/// assert_eq!(zh_econ::scan::find_all("分别低于2.2个、4.4个百分点").len(), 2);
/// ```
pub fn find_all(text: &str) -> Vec<Quantity> {
    quantities(text).collect()
}

/// The iterator returned by [`quantities`].
#[derive(Debug, Clone)]
pub struct Quantities<'h> {
    text: &'h str,
    pos: usize,
    /// Candidates of the current sentence; the first `context` were resolved
    /// and handed out with an earlier batch, and are kept as neighbours.
    buf: Vec<Raw>,
    context: usize,
    /// Where in `buf` to look for the end of a batch: every point below it
    /// was tried and cannot be one.
    tried: usize,
    batch: usize,
    /// The length of `buf` at which to try resolving a batch.
    pause_at: usize,
    out: Vec<Quantity>,
    next: usize,
    /// The marks the scan passed that context rules look back for.
    passed: Passed,
}

/// Where the scan last passed the marks that context rules look back a few
/// characters for: a quotation mark ([`in_short_quote`]) and a hash sign
/// ([`after_hashtag`]), each as the offset just past it. A figure with no
/// such mark within [`LOOK_BACK_BYTES`] before it skips the rule.
#[derive(Debug, Clone, Copy, Default)]
struct Passed {
    quote: Option<usize>,
    hash: Option<usize>,
}

impl Passed {
    /// True if `c` is one of the marks: the quotation marks [`in_short_quote`]
    /// looks for, or a hash sign.
    fn is_mark(c: char) -> bool {
        matches!(c, '“' | '”' | '「' | '」' | '"' | '『' | '』' | '#' | '＃')
    }

    /// Notes the mark `c` (see [`Passed::is_mark`]), passed just before
    /// `after`.
    fn note(&mut self, c: char, after: usize) {
        if matches!(c, '#' | '＃') {
            self.hash = Some(after);
        } else {
            self.quote = Some(after);
        }
    }

    /// True if `mark` was passed close enough before `at` for a rule looking
    /// back twelve characters to find it (always, when a test turned the
    /// shortcuts off).
    fn near(mark: Option<usize>, at: usize) -> bool {
        shortcuts_off() || mark.is_some_and(|m| at.saturating_sub(m) <= LOOK_BACK_BYTES)
    }
}

/// Twelve characters (the reach of [`in_short_quote`] and [`after_hashtag`])
/// take at most 48 bytes.
const LOOK_BACK_BYTES: usize = 48;

impl Iterator for Quantities<'_> {
    type Item = Quantity;

    fn next(&mut self) -> Option<Quantity> {
        loop {
            if let Some(q) = self.out.get_mut(self.next) {
                self.next += 1;
                return Some(std::mem::replace(q, empty_quantity()));
            }
            if self.pos >= self.text.len() {
                return None;
            }
            self.out.clear();
            self.next = 0;
            let (end, sentence_done) =
                scan_sentence(self.text, self.pos, &mut self.buf, self.pause_at, &mut self.passed);
            self.pos = end;
            if sentence_done {
                resolve(self.text, &mut self.buf);
                self.hand_out(self.buf.len());
                self.buf.clear();
                self.context = 0;
                self.tried = 0;
                self.pause_at = self.batch;
            } else if let Some(cut) = batch_end(self.text, &self.buf, self.tried.max(self.context + NEAR)) {
                // Everything before `cut` is settled: resolve it alone, hand it
                // out, and keep its last few as neighbours of what follows.
                resolve(self.text, self.buf.get_mut(..cut).unwrap_or(&mut []));
                self.hand_out(cut);
                self.buf.drain(..cut - NEAR);
                self.context = NEAR;
                self.tried = 0;
                self.pause_at = self.buf.len() + self.batch;
            } else {
                // One long list, or rates all along: read on.
                self.tried = self.buf.len().saturating_sub(2 * NEAR) + 1;
                self.pause_at = self.buf.len() + self.batch;
            }
        }
    }
}

impl Quantities<'_> {
    /// Moves the resolved candidates `context..end` of `buf` that are
    /// quantities to `out`.
    fn hand_out(&mut self, end: usize) {
        for r in self.buf.get(self.context..end).unwrap_or(&[]) {
            if accept_final(r) {
                self.out.push(r.to_quantity(self.text));
            }
        }
    }
}

/// A point `cut` of the candidates `buf` (past the first `context`) before
/// which nothing depends on a candidate at or after it: no list runs across
/// it, and no rate within [`NEAR`] of it borrows from a neighbour. The
/// candidates before it then resolve the same alone as in their whole
/// sentence; the last [`NEAR`] of them, resolved again with the next batch as
/// its neighbours, do not change (resolution only fills what is missing).
///
/// Points below `from` were tried before and failed (a point once joined or
/// near a rate stays so): each is tried once, so a sentence that never
/// allows a batch (one long list) costs linear time, not quadratic.
fn batch_end(text: &str, buf: &[Raw], from: usize) -> Option<usize> {
    let last = buf.len().checked_sub(2 * NEAR)?;
    (from..=last).rev().find(|&cut| {
        let joined = buf
            .get(cut - 1)
            .zip(buf.get(cut))
            .is_some_and(|(a, b)| list_gap(text, a.end, b.start));
        !joined
            && buf
                .get(cut - NEAR..cut + NEAR)
                .is_some_and(|near| near.iter().all(|r| r.bare_per.is_none()))
    })
}

fn empty_quantity() -> Quantity {
    Quantity {
        start: 0,
        end: 0,
        text: String::new(),
        value: None,
        low: None,
        high: None,
        unit: None,
        qualifier: quantity::Qualifier::Exact,
    }
}

/// True if `c` (as written) ends a sentence for the scanner: a unit shared by
/// a list, or a rate's numerator, never reaches across one.
#[inline]
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '\n' | '；' | ';')
}

/// True if a quantity may begin with `c` (folded).
#[inline]
fn can_start(c: char) -> bool {
    numeral::can_start(c)
        || matches!(
            c,
            '半' | '约'
                | '大'
                | '近'
                | '将'
                | '接'
                | '上'
                | '超'
                | '逾'
                | '突'
                | '不'
                | '至'
                | '未'
                | '最'
                | '第'
                | '首'
                | '每'
                | '翻'
                | '¥'
                | '￥'
                | 'U'
                | 'H'
                | 'N'
                | '-'
        )
}

fn prev_char(text: &str, at: usize) -> Option<char> {
    text.get(..at).and_then(|s| s.chars().next_back())
}

/// The characters a quantity may start with, as written, the sentence ends,
/// and the marks context rules look back for ([`Passed::is_mark`]): one search
/// finds whichever comes first, so the text is read once.
static STARTS: LazyLock<StartSet> =
    LazyLock::new(|| StartSet::folded(can_start).with(ends_sentence).with(Passed::is_mark));

/// The first character at or after `from` that may start a quantity or ends
/// the sentence, with its offset.
#[inline]
fn next_start(text: &str, from: usize) -> Option<(usize, char)> {
    STARTS.next_in(text, from, text.len())
}

/// Characters that, before a qualifier's character, make a word of it:
/// 签约, 合约, 节约 (not 约 "about"); 出超, 赶超 (not 超 "over"); 附近, 最近 (not 近 "nearly").
const QUALIFIER_WORDS: &[(char, &str)] = &[
    ('约', "签合节制预公条违履契特邀简相集婉隐盟"),
    ('近', "附最临邻靠就贴亲新晚将接"),
    ('超', "赶"),
];

/// True if the qualifier character `qualifier` (folded) at `at` ends a word
/// with the character before it. The character before is read only for the
/// qualifiers of [`QUALIFIER_WORDS`]: this runs at every possible start.
fn ends_word(text: &str, at: usize, qualifier: char) -> bool {
    let Some(&(_, before)) = QUALIFIER_WORDS.iter().find(|&&(q, _)| q == qualifier) else {
        return false;
    };
    // Compared character by character: `str::contains(char)` runs a
    // substring search.
    prev_char(text, at)
        .map(fold)
        .is_some_and(|p| before.chars().any(|b| b == p))
}

/// The end of the run of numeral characters (digits, separators, magnitude
/// words, 点) starting at `pos`, at least one character on.
fn skip_numeral_chars(text: &str, pos: usize) -> usize {
    let rest = text.get(pos..).unwrap_or("");
    let len: usize = rest
        .chars()
        .take_while(|&c| {
            let f = fold(c);
            numeral::can_start(f) || matches!(f, ',' | '.' | '点' | '-')
        })
        .map(char::len_utf8)
        .sum();
    let first = rest.chars().next().map_or(1, char::len_utf8);
    pos + len.max(first)
}

/// True if a numeral character stands within the next `n` characters after
/// `at`: a qualifier word (上, 不, 大, 近 …) is worth reading only then.
/// Characters are counted as the grammar reads them: a pinyin annotation
/// (`近(jìn)50家`) or an invisible character is no character.
fn numeral_within(text: &str, at: usize, n: usize) -> bool {
    // One bit test a character: a numeral character, or what the grammar
    // reads through (an annotation's parenthesis, an invisible character).
    let set: &StartSet = &NUMERAL_OR_NOISE;
    let c = text
        .get(at..)
        .unwrap_or("")
        .chars()
        .skip(1)
        .take(n)
        .find(|&c| set.contains(c));
    match c {
        None => false,
        Some(c) if numeral_char(fold(c)) => true,
        Some(_) => numeral_within_folded(text, at, n),
    }
}

/// True if `f` (folded) is a numeral character or 半.
fn numeral_char(f: char) -> bool {
    numeral::can_start(f) || f == '半'
}

/// The characters (as written) of numerals and 半, `(`, `（` and the
/// ignorable characters.
static NUMERAL_OR_NOISE: LazyLock<StartSet> =
    LazyLock::new(|| StartSet::folded(|f| numeral_char(f) || f == '(' || is_ignorable(f)));

/// [`numeral_within`] counting characters through the folding cursor, which
/// reads through annotations and invisible characters (rare: scraped text).
#[cold]
#[inline(never)]
fn numeral_within_folded(text: &str, at: usize, n: usize) -> bool {
    Cursor::new(text, at).skip(1).take(n).any(|(_, _, c)| numeral_char(c))
}

/// True if a bare magnitude word (百, 千, 万 …) follows the 上 at `at`, after
/// the particle the grammar allows (上了万人).
fn bare_magnitude_after(text: &str, at: usize) -> bool {
    let mut c = Cursor::new(text, at);
    c.next();
    quantity::eat_particle(&mut c);
    c.peek()
        .and_then(numeral::sym)
        .is_some_and(|s| matches!(s, numeral::Sym::Small(_) | numeral::Sym::Large(_)))
}

/// Reads the candidates of the sentence that starts at `start` into `buf`,
/// pausing once `buf` holds `pause_at` of them. Returns the offset to go on
/// from (just past the sentence's end, or where it paused) and whether the
/// sentence ended.
fn scan_sentence(text: &str, start: usize, buf: &mut Vec<Raw>, pause_at: usize, passed: &mut Passed) -> (usize, bool) {
    let mut pos = start;
    loop {
        // Pause for a batch (never at the end of the text: the end closes
        // the sentence).
        if buf.len() >= pause_at && pos < text.len() {
            return (pos, false);
        }
        // Skip to the next character that may start a quantity, or the end.
        let Some((at, ch)) = next_start(text, pos) else {
            return (text.len(), true);
        };
        pos = at;
        let step = pos + ch.len_utf8();
        if ends_sentence(ch) {
            return (step, true);
        }
        if Passed::is_mark(ch) {
            passed.note(ch, step);
            pos = step;
            continue;
        }
        // Words that only lead into a number (qualifiers, 第, 每 …) are read only
        // when a numeral follows closely.
        let f = fold(ch);
        // 签约, 节约, 出超, 附近: the qualifier's character ends another word here.
        if ends_word(text, pos, f) {
            pos = step;
            continue;
        }
        if !numeral::can_start(f) && !matches!(f, '¥' | '￥' | '半' | '首') {
            let reach = if f == '每' { 24 } else { 5 };
            // 上 is a qualifier only right before a bare magnitude (上百, 上万: the
            // grammar's rule), never in 上半年, 上年, 上市.
            let leads = numeral_within(text, pos, reach) && (f != '上' || bare_magnitude_after(text, pos));
            if !leads {
                pos = step;
                continue;
            }
            if let Some(next) = not_a_qualifier(text, pos, f) {
                pos = next;
                continue;
            }
        }
        if let Some(end) = shortcut(text, pos, f) {
            pos = end;
            continue;
        }
        match quantity::read(text, pos, Mode::Scan) {
            // A candidate never reaches into the next sentence.
            Ok(Some(mut r)) if r.end > pos && text.get(pos..r.end).is_some_and(|s| !s.contains(ends_sentence)) => {
                let next = if accept_in(text, &r, passed) {
                    let before = buf.last().map_or(0, |b| b.end);
                    currency_written_before(text, &mut r, before);
                    let e = r.end;
                    buf.push(r);
                    e
                } else {
                    r.num_end.max(step)
                };
                pos = next;
            }
            _ => {
                // Skip the whole numeral so a long digit run is read once; a number
                // too large to be exact is skipped whole, never read again from a
                // later digit (its tail would be a wrong value).
                pos = match numeral::read(text, pos) {
                    Ok(Some(n)) if n.end > pos => n.end,
                    Err(_) => skip_numeral_chars(text, pos),
                    _ => step,
                };
            }
        }
    }
}

/// Where the scan goes on from a candidate at `pos` (its first character
/// folded is `f`) that is known to give no quantity without reading it: a
/// bare number inside a word ([`bare_numeral_dropped`]) or a lone count
/// ([`lone_count`]). `None`: read it. The rules answer only where the
/// grammar and the context rules would drop the candidate: a unit test
/// reads every case they answer, and a proptest compares whole scans with
/// and without them.
fn shortcut(text: &str, pos: usize, f: char) -> Option<usize> {
    if shortcuts_off() {
        return None;
    }
    let by_first = match f {
        '第' => ordinal_dropped(text, pos),
        '半' | '首' => word_alone(text, pos, f),
        '负' | '-' => sign_alone(text, pos),
        '百' | '千' | '万' | '亿' => magnitudes_alone(text, pos),
        _ => None,
    };
    by_first
        .or_else(|| bare_numeral_dropped(text, pos, f))
        .or_else(|| lone_count(text, pos, f))
}

/// 负荷, 负责, ——: a sign (负, `-` and the dashes that fold to it) begins a
/// figure only before a numeral character or a decimal point; before any
/// other character (not an annotation or an invisible one, which the grammar
/// reads through) it gives nothing, and the scan goes on at the next one.
fn sign_alone(text: &str, pos: usize) -> Option<usize> {
    let (_, step) = char_at(text, pos)?;
    let (next, _) = char_at(text, step)?;
    let g = fold(next);
    let alone = numeral::sym(g).is_none() && !matches!(g, '点' | '.' | '(') && !is_ignorable(next);
    alone.then_some(step)
}

/// 千亿级, 百亿元, 万亿: magnitude words with no digit before them are a
/// number only after a qualifier (近千亿, 上万), which a scan that stops here
/// has not read: the grammar drops them whatever follows, and the scan goes
/// on after the run. Not where the numeral may run on: a digit, 点, 分
/// (百分之), an annotation or an invisible character.
fn magnitudes_alone(text: &str, pos: usize) -> Option<usize> {
    let rank = |c: char| ['百', '千', '万', '亿'].iter().position(|&m| m == fold(c));
    let (first, mut end) = char_at(text, pos)?;
    let low = rank(first)?;
    let (mut next, after) = char_at(text, end)?;
    // One larger 万 or 亿 may follow (千亿, 百万, 万亿); other runs are left
    // to the grammar.
    if rank(next).is_some_and(|r| r > low && r >= 2) {
        end = after;
        next = char_at(text, end)?.0;
    }
    let g = fold(next);
    let ends = !continues_numeral(g) && !matches!(g, '(' | '.' | ',') && !is_ignorable(next) && !is_space(next);
    ends.then_some(end)
}

/// 大力, 不断, 将来, 最高: a character that begins a quantity only as the
/// first of a qualifier word (大约, 不少于, 将近, 最多) begins none where no
/// such word is written; the grammar reads nothing from it (though a
/// numeral follows closely: 不断增加3家), and the scan goes on at the next
/// character without reading.
/// (The qualifier characters begin no other form the grammar reads: a test
/// reads every one before every word.)
fn not_a_qualifier(text: &str, pos: usize, f: char) -> Option<usize> {
    if shortcuts_off() {
        return None;
    }
    let cursor = Cursor::new(text, pos);
    if !quantity::qualifier_may_start(f) || quantity::qualifier_at(&cursor) {
        return None;
    }
    Some(char_at(text, pos)?.1)
}

/// True if a test turned the shortcuts off, to scan the slow way as the
/// reference (never in a build of the library).
#[inline(always)]
fn shortcuts_off() -> bool {
    #[cfg(test)]
    return tests::NO_SHORTCUTS.with(std::cell::Cell::get);
    #[cfg(not(test))]
    false
}

/// The character at `pos` and the offset just past it.
fn char_at(text: &str, pos: usize) -> Option<(char, usize)> {
    let c = text.get(pos..)?.chars().next()?;
    Some((c, pos + c.len_utf8()))
}

/// 半年, 半导体, 半。, 首届, 首批: 半 begins a quantity only before a unit
/// (半斤, 半成) and 首 only as 首位, so before a character that begins
/// neither (for 首, a Han one) the grammar reads nothing, and the scan goes
/// on at the next character. (Not before an annotation or an invisible
/// character, which the grammar reads through.)
fn word_alone(text: &str, pos: usize, f: char) -> Option<usize> {
    let (_, step) = char_at(text, pos)?;
    let (next, _) = char_at(text, step)?;
    let alone = match f {
        // The characters the grammar may read after 半 (a unit, a space, an
        // annotation, an invisible character) are all among the followers
        // of a number.
        '半' => !quantity::may_follow_number(next),
        _ => is_han(next) && fold(next) != '位',
    };
    alone.then_some(step)
}

/// 第一季度, 第三届, 第2批: an ordinal before a word is a rank the context
/// rules keep only when it ends its phrase (居全省第2, 第一和第二) or names
/// 位/名. A one-character Chinese numeral or a run of ASCII digits after 第,
/// before a Han character that neither continues the numeral, nor is 位 or
/// 名, nor joins a list, is dropped; the scan goes on after the numeral.
fn ordinal_dropped(text: &str, pos: usize) -> Option<usize> {
    let (_, at) = char_at(text, pos)?;
    let (first, step) = char_at(text, at)?;
    let end = if matches!(
        fold(first),
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    ) {
        step
    } else {
        at + plain_digits(text.get(at..)?)?
    };
    let (next, _) = char_at(text, end)?;
    let g = fold(next);
    let dropped = is_han(next) && !continues_numeral(g) && !matches!(g, '位' | '名' | '和' | '与' | '及' | '或');
    dropped.then_some(end)
}

/// The length of the run of ASCII digits `s` starts with, if there is one
/// and it is short enough to read exactly ([`MAX_PLAIN_DIGITS`]).
fn plain_digits(s: &str) -> Option<usize> {
    let digits = s
        .bytes()
        .take(MAX_PLAIN_DIGITS + 1)
        .take_while(u8::is_ascii_digit)
        .count();
    (1..=MAX_PLAIN_DIGITS).contains(&digits).then_some(digits)
}

/// 一批, 一条, 二次: a lone 一 or 二 right before a counting word (a unit of
/// kind count) is an article or an ordinal, which the context rules drop
/// whatever follows; the scan goes on at the next character. Before 个 only
/// when a word follows it (一个新目标), not a magnitude or another unit that
/// the grammar reads with it (一个亿, 一个百分点).
fn lone_count(text: &str, pos: usize, f: char) -> Option<usize> {
    if !matches!(f, '一' | '二') {
        return None;
    }
    let (_, step) = char_at(text, pos)?;
    let (next, after_next) = char_at(text, step)?;
    let g = fold(next);
    if g == '个' {
        // 一个新目标: 个 before a word that neither continues a number (一个亿,
        // 一个百分点) nor begins anything the grammar reads after a unit.
        let (after, _) = char_at(text, after_next)?;
        let word = is_han(after) && !quantity::may_follow_number(after) && !continues_numeral(fold(after));
        return word.then_some(step);
    }
    if !is_han(next) || continues_numeral(g) || matches!(g, '余' | '多') {
        return None;
    }
    let (word, _) = unit::lookup(&Cursor::new(text, step))?;
    (word.kind == Kind::Count).then_some(step)
}

/// True if `g` (folded), right after a numeral, may continue it: a numeral
/// character, or 分之, 点, 又.
fn continues_numeral(g: char) -> bool {
    numeral_char(g) || matches!(g, '分' | '点' | '又')
}

/// A number that the grammar would read bare, with nothing after it: a
/// one-character Chinese numeral inside a word it does not count (一步, 一般,
/// 三是, 两岸, 百强) or a run of digits before such a word (2023年). The next
/// character is Han (or, after a Chinese numeral, punctuation) and can
/// neither continue the numeral nor begin anything the grammar reads after a
/// number, and the context rules keep a bare number
/// only in a list (一、二) or after 倍差: the candidate is dropped without
/// reading it, and the scan goes on where reading it would have (a unit test
/// checks both against the grammar). Returns that offset.
fn bare_numeral_dropped(text: &str, pos: usize, f: char) -> Option<usize> {
    let rest = text.get(pos..)?;
    // One character: a digit, or a magnitude alone (百强, which the grammar
    // reads only after a qualifier). 零 too (零售, 零碳), but not in 零下,
    // which begins a figure below zero.
    let single = matches!(
        f,
        '一' | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '两'
            | '十'
            | '百'
            | '千'
            | '万'
            | '亿'
            | '零'
    );
    let end = if single {
        pos + rest.chars().next()?.len_utf8()
    } else {
        // ASCII digits as written, few enough to read exactly.
        pos + plain_digits(rest)?
    };
    let next = text.get(end..)?.chars().next()?;
    let g = fold(next);
    // Or punctuation (一), 十三五”, 19:29): a numeral runs on with no ASCII
    // but digits, letters and a decimal point or separator.
    let shape = is_han(next) || (!g.is_ascii_alphanumeric() && !matches!(g, '.' | ','));
    let dropped = shape
        && !quantity::may_follow_number(next)
        && !continues_numeral(g)
        // List separators keep a bare number.
        && !matches!(g, '、' | '和' | '及' | '与' | '或')
        && (f != '零' || g != '下')
        && !after_ratio_word(text, pos);
    dropped.then_some(end)
}

/// The longest run of digits [`bare_numeral_dropped`] answers for (a decimal
/// holds 28).
const MAX_PLAIN_DIGITS: usize = 18;

/// `新臺幣4萬6342元`, `港币3000元`: the scanner finds the number first, and the
/// currency written before it (at or after `from`, the end of the previous
/// quantity) names the money that the generic 元 after it does not. The span
/// then starts at the currency, as the grammar reads it in one expression.
fn currency_written_before(text: &str, r: &mut Raw, from: usize) {
    if !r.generic_yuan() {
        return;
    }
    match quantity::currency_before(text, r.start) {
        Some((start, code)) if start >= from && r.name_currency(code) => r.start = start,
        _ => {}
    }
}

/// Context rules for one candidate (see the module docs).
#[cfg(test)]
fn accept(text: &str, r: &Raw) -> bool {
    // Every mark passed right at the candidate: every rule is tried.
    let everywhere = Passed {
        quote: Some(r.start),
        hash: Some(r.start),
    };
    accept_in(text, r, &everywhere)
}

/// [`accept`], told where the scan passed the marks that rules look back
/// for: with none near before the candidate, the rule (which looks back
/// character by character) is not tried.
fn accept_in(text: &str, r: &Raw, passed: &Passed) -> bool {
    if split_by_damage(text, r) {
        return false;
    }
    // Digits inside URLs, paths and codes (`/2023/`, `id=5`, `v1.2`). Latin
    // letters before a number are fine: GDP1318.2亿元, CPI上涨2%.
    if let Some(p) = prev_char(text, r.start) {
        let p = fold(p);
        if matches!(p, '_' | '/' | '\\' | '=' | '#' | '@' | '.' | '&' | '%')
            || (p.is_ascii_alphabetic() && text.get(r.start..).is_some_and(|s| s.starts_with('.')))
        {
            return false;
        }
    }
    // 数十家, 几百个: an unspecified number, not a quantity.
    if let Some(p) = prev_char(text, r.num_start) {
        let first = text.get(r.num_start..).and_then(|s| s.chars().next()).map(fold);
        if matches!(fold(p), '数' | '几')
            && first
                .and_then(numeral::sym)
                .is_some_and(|s| !matches!(s, numeral::Sym::Digit(..)))
        {
            return false;
        }
    }
    // A lone 零 is a word (零部件, 零售), not a number.
    if r.form.digits == 1 && !r.form.arabic && r.form.magnitudes == 0 && r.value.is_some_and(|v| v.is_zero()) {
        return false;
    }
    let after = Cursor::new(text, r.end);
    if r.unit.is_none() && r.bare_per.is_none() {
        // A bare number is kept only where a unit may still reach it: a list
        // (15.7、12.4和1.1个百分点) or 倍差 (城乡居民收入倍差为1.63).
        let listed = matches!(after.peek(), Some('、' | '和' | '及' | '与' | ',' | '或'));
        return !r.form.negative && (listed || after_ratio_word(text, r.start));
    }
    if Passed::near(passed.quote, r.start) && in_short_quote(text, r.start, r.end) {
        return false;
    }
    match r.lead {
        Lead::Rank { explicit } => {
            return r.value.is_some_and(|v| v.is_integer() && v > Decimal::ZERO)
                && (explicit || (rank_verb_before(text, r.start) && rank_may_end(&after)));
        }
        Lead::First => return rank_verb_before(text, r.start),
        Lead::Per | Lead::Plain => {}
    }
    let Some(word) = r.word else {
        // Bare numbers stay as candidates for a unit shared by a list.
        return r.unit.is_none() && !r.form.negative || r.unit.is_some();
    };
    match word.kind {
        Kind::Count => {
            if r.lead == Lead::Per {
                return true;
            }
            let first = text.get(r.num_start..).and_then(|s| s.chars().next()).map(fold);
            let lone_digit = r.form.digits == 1 && r.form.magnitudes == 0 && !r.form.arabic;
            if lone_digit && matches!(first, Some('一' | '二')) && !r.prefixed {
                return false;
            }
            let unit_at = Cursor::new(text, r.word_start);
            if r.word_end == r.end && COMPOUND_SET.starts(&unit_at) {
                return false;
            }
            if TIME_SET.starts(&after) {
                return false;
            }
            // 十条举措, 推出18条稳外贸措施: the number is part of a policy's name.
            if word.word == "条" && names_policy(&after) {
                return false;
            }
            if r.form.negative
                || after_chrome_label(text, r.start)
                || (Passed::near(passed.hash, r.start) && after_hashtag(text, r.start))
            {
                return false;
            }
        }
        Kind::Percent if word.word == "成" => {
            if after.peek().is_some_and(|c| is_one_of(c, CHENG_NOT_PERCENT)) {
                return false;
            }
            if r.form.arabic && r.value.is_some_and(|v| v > Decimal::from(100)) {
                return false;
            }
        }
        Kind::Measure if word.word == "度" => return r.form.large,
        // 块 counts pieces (两块地, 12.8亿块芯片) unless it is money: 一百块, 五块钱.
        Kind::Currency if word.word == "块" => {
            let first = text.get(r.num_start..).and_then(|s| s.chars().next()).map(fold);
            let lone_one = r.form.digits == 1 && r.form.magnitudes == 0 && first == Some('一');
            let next = after.peek();
            return !lone_one
                && !next
                    .is_some_and(|c| is_han(c) && !matches!(c, '钱' | '左' | '右' | '多' | '余' | '以' | '上' | '下'));
        }
        _ => {}
    }
    true
}

/// The replacement character: what lossy decoding leaves for bytes it could
/// not read.
const LOST: char = '\u{FFFD}';

/// True if a U+FFFD touches the candidate and the grammar, reading the text
/// without it, would read one quantity across the gap: a character of the
/// figure may be lost, so the figure is (`1\u{FFFD}318.2亿元` is not 318.2亿元,
/// `近\u{FFFD}50家` not an exact 50家). A figure merely next to damage
/// (`实现\u{FFFD}1318.2亿元`) stands.
fn split_by_damage(text: &str, r: &Raw) -> bool {
    let (head, tail) = (text.get(..r.start).unwrap_or(""), text.get(r.start..).unwrap_or(""));
    if head.strip_suffix(LOST).is_some_and(|h| spans_gap(h, tail)) {
        return true;
    }
    let (head, tail) = (text.get(..r.end).unwrap_or(""), text.get(r.end..).unwrap_or(""));
    tail.strip_prefix(LOST).is_some_and(|t| spans_gap(head, t))
}

/// True if a quantity the grammar reads in `head` + `tail` (a few characters
/// of each) starts in `head` and ends in `tail`.
fn spans_gap(head: &str, tail: &str) -> bool {
    let from = head.char_indices().rev().nth(11).map_or(0, |(i, _)| i);
    let to = tail.char_indices().nth(24).map_or(tail.len(), |(i, _)| i);
    let joined = format!("{}{}", head.get(from..).unwrap_or(""), tail.get(..to).unwrap_or(""));
    let gap = head.len() - from;
    joined
        .char_indices()
        .take_while(|&(i, _)| i < gap)
        .any(|(i, _)| matches!(quantity::read(&joined, i, Mode::Scan), Ok(Some(q)) if q.end > gap))
}

/// True if `at` follows a hashtag on the same line (`#县域经济 36个`): the
/// count of a WeChat collection, not a figure of the article.
fn after_hashtag(text: &str, at: usize) -> bool {
    text.get(..at)
        .unwrap_or("")
        .chars()
        .rev()
        .take(12)
        .take_while(|&c| c != '\n')
        .any(|c| c == '#' || c == '＃')
}

/// True if `at` follows a page-chrome label and a colon or space
/// (`浏览：1234次`, `回复 56条`, `阅读次数: 5861次`).
fn after_chrome_label(text: &str, at: usize) -> bool {
    let head = text.get(..at).unwrap_or("");
    let mut it = head.char_indices().rev().peekable();
    let mut seps = 0;
    while let Some(&(_, c)) = it.peek() {
        if matches!(c, '：' | ':' | ' ' | '\u{3000}' | '(' | '（') {
            seps += 1;
            it.next();
        } else {
            break;
        }
    }
    if seps == 0 {
        return false;
    }
    let Some(&(end, c)) = it.peek() else { return false };
    let label_end = end + c.len_utf8();
    let label: String = head
        .get(..label_end)
        .unwrap_or("")
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .map(fold)
        .collect();
    let label = label
        .strip_suffix("次数")
        .or_else(|| label.strip_suffix("量"))
        .or_else(|| label.strip_suffix("数"))
        .unwrap_or(&label);
    CHROME_LABELS.iter().any(|w| label.ends_with(w))
}

/// True if a policy word (措施, 意见 …) follows within a few characters.
fn names_policy(after: &Cursor<'_>) -> bool {
    let mut c = after.clone();
    for _ in 0..6 {
        if NAME_SET.starts(&c) {
            return true;
        }
        match c.next() {
            Some((_, _, ch)) if is_han(ch) => {}
            _ => return false,
        }
    }
    false
}

/// A count must be whole, a unit must be known, by the end of the sentence.
fn accept_final(r: &Raw) -> bool {
    let Some(u) = r.unit else { return false };
    if r.word.is_some_and(|w| w.kind == Kind::Count) && u.per().is_none() {
        return [r.value, r.low, r.high].iter().flatten().all(|v| v.is_integer());
    }
    true
}

static COMPOUND_SET: LazyLock<WordSet<()>> = LazyLock::new(|| WordSet::of(COMPOUNDS));
static TIME_SET: LazyLock<WordSet<()>> = LazyLock::new(|| WordSet::of(TIME_WORDS));
static NAME_SET: LazyLock<WordSet<()>> = LazyLock::new(|| WordSet::of(NAME_WORDS));
static RANK_VERB_SET: LazyLock<WordSet<()>> = LazyLock::new(|| WordSet::of(RANK_VERBS));

/// Rank verbs: 居五地第2, 位列嘉兴第一, 排名第三.
const RANK_VERBS: &[&str] = &["居", "列", "排名", "排", "位于", "名列", "跻身", "排在"];

fn rank_verb_before(text: &str, at: usize) -> bool {
    let head = text.get(..at).unwrap_or("");
    for (i, (pos, c)) in head.char_indices().rev().enumerate() {
        if i > 14 || matches!(c, '，' | ',' | '。' | '；' | ';' | '\n' | '：' | ':') {
            return false;
        }
        let cur = Cursor::new(text, pos);
        if RANK_VERB_SET.starts(&cur) {
            return true;
        }
    }
    false
}

fn rank_may_end(after: &Cursor<'_>) -> bool {
    match after.peek() {
        None => true,
        Some(c) => !is_han(c) || matches!(c, '和' | '与' | '及' | '、' | '或'),
    }
}

/// True if `[start, end)` stands inside a quotation of at most 12 characters
/// on each side: `“33条”`, `“5050计划”`, `“人才新政25条”`.
fn in_short_quote(text: &str, start: usize, end: usize) -> bool {
    let open = text
        .get(..start)
        .unwrap_or("")
        .chars()
        .rev()
        .take(12)
        .find(|c| matches!(c, '“' | '”' | '「' | '」' | '"' | '『' | '』' | '。' | '，' | '\n'));
    let expect = match open {
        Some('“') => '”',
        Some('「') => '」',
        Some('『') => '』',
        Some('"') => '"',
        _ => return false,
    };
    let close = text
        .get(end..)
        .unwrap_or("")
        .chars()
        .take(12)
        .find(|c| matches!(c, '“' | '”' | '「' | '」' | '"' | '『' | '』' | '。' | '，' | '\n'));
    close == Some(expect)
}

/// Sentence-level resolution: shared units in lists, rates missing their
/// numerator, multiples after 倍差.
fn resolve(text: &str, buf: &mut [Raw]) {
    // 倍差为1.63
    for r in buf.iter_mut() {
        if r.unit.is_none() && r.bare_per.is_none() && after_ratio_word(text, r.start) {
            r.unit = Some(Unit::new("times"));
        }
    }
    // Lists: the unit is written once, on the last item.
    let mut i = 0;
    while i < buf.len() {
        let mut j = i;
        while j + 1 < buf.len()
            && buf
                .get(j)
                .zip(buf.get(j + 1))
                .is_some_and(|(a, b)| list_gap(text, a.end, b.start))
        {
            j += 1;
        }
        if j > i {
            share_unit(buf, i, j);
        }
        i = j + 1;
    }
    // 1.75亿/家 beside 0.15亿元/家: the rate's numerator comes from its neighbour.
    for k in 0..buf.len() {
        let Some(per) = buf.get(k).and_then(|r| r.bare_per) else {
            continue;
        };
        // The parallel item stands close by: look at a few neighbours only.
        let near = buf
            .get(k.saturating_sub(NEAR)..(k + NEAR).min(buf.len()))
            .unwrap_or(&[]);
        // The model writes its numerator unit itself: a rate resolved just
        // before from a model is not one (it carries no magnitude of its own).
        let model = near
            .iter()
            .filter(|o| o.word.is_some() && o.unit.is_some_and(|u| u.per() == Some(per)))
            .map(|o| (o.unit, o.form.tail_large))
            .next();
        if let (Some((Some(u), tail)), Some(r)) = (model, buf.get_mut(k)) {
            if !r.form.large && tail > 0 {
                // A value too large to scale keeps its written magnitude.
                let _ = r.multiply(i32::from(tail));
            }
            r.unit = Some(u);
            r.bare_per = None;
        }
    }
}

fn share_unit(buf: &mut [Raw], i: usize, j: usize) {
    let Some(last) = buf.get(j) else { return };
    let (Some(unit), Some(word), tail, last_per) = (last.unit, last.word, last.form.tail_large, last.bare_per) else {
        return;
    };
    if last_per.is_some() || last.lead != Lead::Plain {
        return;
    }
    for r in buf.iter_mut().take(j).skip(i) {
        if r.lead != Lead::Plain || r.bare_per.is_some() {
            continue;
        }
        match r.word {
            None if r.unit.is_none() => {
                let mut exp = i32::from(word.exp);
                if !r.form.large {
                    exp += i32::from(tail);
                }
                // A value too large to scale keeps its written magnitude.
                let _ = r.multiply(exp);
                r.unit = Some(unit);
                r.word = Some(word);
            }
            // 2.2个、4.4个百分点: 个 is the start of the unit written in full at the end.
            Some(w) if w.kind == Kind::Count && word.word.starts_with(w.word) && word.word != w.word => {
                r.unit = Some(unit);
                r.word = Some(word);
            }
            _ => {}
        }
    }
}

/// True if only list separators stand between two candidates: 、 , 和 及 与 或.
fn list_gap(text: &str, a: usize, b: usize) -> bool {
    let Some(gap) = text.get(a..b) else { return false };
    let gap = gap.trim_matches(|c: char| c.is_whitespace());
    matches!(gap, "、" | "," | "，" | "和" | "及" | "与" | "或" | "以及" | "/")
}

/// True if `at` follows 倍差 (and a copula): 城乡居民收入倍差为1.63.
fn after_ratio_word(text: &str, at: usize) -> bool {
    let head = text.get(..at).unwrap_or("");
    // Cheap tests first: 倍 (the same in both scripts) within the last few
    // characters. Six characters take at most 24 bytes, and UTF-8 bytes
    // E5 80 8D are 倍 wherever they stand, so most candidates answer with a
    // byte comparison, decoding nothing.
    let window = head.as_bytes().get(at.saturating_sub(24)..).unwrap_or(&[]);
    window.windows(3).any(|w| w == "倍".as_bytes()) && ends_with_ratio_word(head)
}

/// True if the last six characters of `head`, folded, end with 倍差 and a
/// copula (or with 倍差).
fn ends_with_ratio_word(head: &str) -> bool {
    if !head.chars().rev().take(6).any(|c| c == '倍') {
        return false;
    }
    let folded: String = head
        .chars()
        .rev()
        .take(6)
        .map(fold)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let mut s = folded.as_str();
    for cop in ["为", "是", "达", "达到", "仅为", "缩小至", "缩小到", "降至"] {
        if let Some(x) = s.strip_suffix(cop) {
            s = x;
            break;
        }
    }
    s.ends_with("倍差")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    thread_local! {
        /// Set by a test to scan without [`shortcut`] and [`not_a_qualifier`],
        /// and with the short-quotation rule tried at every figure, as the
        /// reference.
        pub(super) static NO_SHORTCUTS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }

    /// Every quantity (with its span) of `text`, with or without the shortcuts.
    fn scanned(text: &str, shortcuts: bool) -> Vec<String> {
        NO_SHORTCUTS.with(|c| c.set(!shortcuts));
        let out = quantities(text)
            .map(|q| format!("{}..{} {}={}", q.start, q.end, q.text, q))
            .collect();
        NO_SHORTCUTS.with(|c| c.set(false));
        out
    }

    proptest! {
        /// The shortcuts change no result: scanning text made of dates,
        /// numerals, units, words and separators gives the same quantities
        /// with and without them.
        #[test]
        fn shortcuts_change_nothing(
            parts in prop::collection::vec(
                prop::sample::select(vec![
                    "2024", "2024-09-24", "2024/9/24", "2023.12.07", "2024-09-24-1", "09", "-", "/", ".", "24", "5",
                    "1318.2", "一", "两", "十", "百", "零", "万", "亿", "年", "月", "日", "元", "亿元", "%", "个百分点",
                    "家", "步", "是", "强", "下", "分之", "、", "和", "，", "。", " ", "倍差为", "约", "第", "每", "“", "”",
                    "v", "a", "号", "至", "增长", "x", "_", "19:29:11", "兩", "萬", "億", "條", "１", "２０２４", "（", ")",
                    "，", "．", "又", "点", "余", "多", "以上", "~", "負", "零下", "半", "岸", "般", "個", "）", "”", "》",
                    "【", "—", "…", "！", "?", ":", "+", "=", "'", "\u{200b}", "\u{3000}", "(", "k", "w", "e",
                    "批", "条", "项", "片", "轮", "部", "次", "位", "名", "人", "户", "台", "套", "个亿", "个百分点", "倍", "成",
                    "二", "貳", "壹", "一", "第一", "每一", "近一", "数",
                    "首", "位", "名", "届", "季度", "售", "导", "斤", "个", "新", "居", "与", "(lìng)",
                    "大", "大约", "不", "不足", "不少于", "将", "将近", "接近", "最多", "至少", "未满", "突破", "超过",
                    "力", "断", "來", "了", "有",
                    "负", "荷", "—", "－", "千亿", "百亿", "级", "万亿", ";", "|", "*", "·", "\n", "分",
                    "「", "」", "\"", "『", "』", "计划", "人才新政", "措施", "#", "＃", "话题",
                ]),
                0..14,
            )
        ) {
            let text: String = parts.concat();
            prop_assert_eq!(scanned(&text, true), scanned(&text, false), "{:?}", text);
        }
    }

    fn texts(s: &str) -> Vec<String> {
        quantities(s).map(|q| format!("{}={}", q.text, q)).collect()
    }

    /// Where [`shortcut`] drops a candidate (a bare number, a lone count),
    /// reading it with the grammar and the context rules drops it too, and
    /// the scan goes on at the same offset either way.
    #[test]
    fn shortcuts_drop_what_reading_drops() {
        let words = |s: &'static str| s.split(' ').collect::<Vec<&str>>();
        let firsts = words(
            "一 二 三 四 五 六 七 八 九 两 兩 十 百 千 万 萬 亿 億 零 2023 5 0 12345678901234567 123456789012345678901234 １ \
             半 首 第一 第十 第2 第二十 第3.5 第２ 一个 一個 二个 一个个 第一个 \
             负 - — －  千亿 百亿 万亿 億萬 千 百万 佰",
        );
        let nexts = words(
            "步 般 是 岸 批 个 條 点 分 和 、 又 百 万 亿 倍 成 元 年 月 号 號 流 体 线 季 次 家 亩 期 部 项 类 产 半 零 壹 两 \
             至 到 余 多 以 左 人 位 名 届 代 强 下 G . - ~ ) ） ” 》 ! ： ， ; e k w + \
             售 部件 导 年 斤 成 位于 名列 批 季度 与 或 及 新 百分点 亿元 个 (lìng) \u{200b} \
             荷 责 — : | * # = _ ' \" ? 。 \n 级 点 .5 分之 5 五 零 千 亿 万 半 \u{3000}",
        );
        let befores = words("倍差为 城乡收入倍差 第 约 每 数 几 / 增长 负 - 1 ¥ 上 居 排名");
        let afters = words("。 4摄氏度 五元 年 分之一 % 以上 至5元 位 和第二");
        let mut checked = 0;
        for b in befores.iter().chain([&""]) {
            for f in &firsts {
                for (n, a) in nexts.iter().flat_map(|n| afters.iter().map(move |a| (n, a))) {
                    let text = format!("{b}{f}{n}{a}");
                    let pos = b.len();
                    let folded = fold(f.chars().next().unwrap_or(' '));
                    let Some(end) = shortcut(&text, pos, folded) else {
                        continue;
                    };
                    checked += 1;
                    let step = pos + f.chars().next().map_or(1, char::len_utf8);
                    let next = match quantity::read(&text, pos, Mode::Scan) {
                        Ok(Some(r)) if r.end > pos => {
                            assert!(!accept(&text, &r), "{text}: read and accepted");
                            r.num_end.max(step)
                        }
                        _ => match numeral::read(&text, pos) {
                            Ok(Some(n)) if n.end > pos => n.end,
                            Err(_) => skip_numeral_chars(&text, pos),
                            _ => step,
                        },
                    };
                    assert_eq!(end, next, "{text}");
                }
            }
        }
        assert!(checked > 2000, "only {checked} cases reached the rule");
    }

    /// Where [`not_a_qualifier`] skips a qualifier character, the grammar
    /// reads nothing from it: every character that begins a qualifier word,
    /// in both scripts, before words, numerals, particles, currencies and
    /// noise.
    #[test]
    fn qualifier_characters_read_nothing_alone() {
        let firsts: Vec<char> = (0..0x10000u32)
            .filter_map(char::from_u32)
            .filter(|&c| quantity::qualifier_may_start(fold(c)))
            .collect();
        assert!(firsts.len() >= 13, "{firsts:?}");
        let nexts = "力 断 来 高 约50 约了50 少于5 足5 到5 满5 多5 近5 过5 破5 5 50% 五十家 了5 有5 是5 ¥5 US$5 \
                     人民币5元 第5 每万人 半年 百分之五 零下5度 (dà)约5 \u{200b}约5 約5 過5 。5 ，5";
        let mut skipped = 0;
        for f in &firsts {
            for n in nexts.split(' ') {
                let text = format!("{f}{n}");
                let Some(end) = not_a_qualifier(&text, 0, fold(*f)) else {
                    continue;
                };
                skipped += 1;
                assert_eq!(end, f.len_utf8(), "{text}");
                assert!(
                    !matches!(quantity::read(&text, 0, Mode::Scan), Ok(Some(r)) if r.end > 0),
                    "{text}: the grammar reads a quantity"
                );
                assert!(
                    !matches!(numeral::read(&text, 0), Ok(Some(_)) | Err(_)),
                    "{text}: the grammar reads a numeral"
                );
            }
        }
        assert!(skipped > 200, "only {skipped} cases skipped");
    }

    /// The byte pre-test of [`after_ratio_word`] never hides a 倍 within six
    /// characters, whatever their widths: every split of texts mixing 1- to
    /// 4-byte characters answers as the character test alone.
    #[test]
    fn ratio_word_pretest_sees_six_characters() {
        let mut found = 0;
        for text in [
            "倍差为𠀀𠀀𠀀1",
            "倍差𠀀𠀀𠀀𠀀2",
            "收入倍差为ééé3",
            "倍差缩小至a4",
            "倍差是5",
            "x倍差達到６",
            "倍差仅为一",
            "倍差为1.63",
        ] {
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let want = ends_with_ratio_word(&text[..at]);
                found += usize::from(want);
                assert_eq!(after_ratio_word(text, at), want, "{:?}", &text[..at]);
            }
        }
        assert!(found >= 8, "{found}");
    }

    #[test]
    fn not_quantities() {
        for s in [
            "2023年8月2日",
            "一家公司",
            "二次攀登",
            "三大产业",
            "第三届",
            "“33条”政策",
            "“1+4+2”",
            "5G基站",
            "4.0工厂",
            "40余年",
            "3个工作日",
            "十条举措",
            "电话0571-86868686",
            "a0002",
            "浏览：1234次",
            "回复: 56条",
            "阅读次数：5861次",
            "近年来",
            "成立3年",
        ] {
            assert_eq!(texts(s), Vec::<String>::new(), "{s}");
        }
    }

    #[test]
    fn currency_written_before_the_number() {
        let found = |s: &str| -> Vec<(String, String)> {
            quantities(s)
                .map(|q| (q.text, q.unit.map(|u| u.to_string()).unwrap_or_default()))
                .collect()
        };
        let one = |t: &str, u: &str| vec![(t.to_string(), u.to_string())];
        assert_eq!(found("月薪新臺幣4萬6342元，"), one("新臺幣4萬6342元", "TWD"));
        assert_eq!(found("上限为港币3000元。"), one("港币3000元", "HKD"));
        assert_eq!(found("预算为人民币125万元"), one("人民币125万元", "CNY"));
        assert_eq!(found("收入新台币约4万元"), one("新台币约4万元", "TWD"));
        assert_eq!(found("单价新台币3000元/平方米"), one("新台币3000元/平方米", "TWD/m2"));
        // A unit of its own after the number decides; so does a currency that
        // belongs to the quantity before.
        assert_eq!(found("出口新台币300亿美元"), one("300亿美元", "USD"));
        assert_eq!(
            found("3000万美元5000元"),
            vec![
                ("3000万美元".to_string(), "USD".to_string()),
                ("5000元".to_string(), "CNY".to_string())
            ]
        );
        assert_eq!(
            found("1美元兑7.1元"),
            vec![
                ("1美元".to_string(), "USD".to_string()),
                ("7.1元".to_string(), "CNY".to_string())
            ]
        );
    }

    #[test]
    fn lists_share_units() {
        assert_eq!(
            texts("分别低于2.2个、4.4个百分点"),
            ["2.2个=2.2 pp", "4.4个百分点=4.4 pp"]
        );
        assert_eq!(
            texts("分别为1.75亿/家、0.15亿元/家"),
            ["1.75亿/家=175000000 CNY/家", "0.15亿元/家=15000000 CNY/家"]
        );
        assert_eq!(
            texts("分别下降0.12/家、0.05亿元/家"),
            ["0.12/家=12000000 CNY/家", "0.05亿元/家=5000000 CNY/家"]
        );
        assert_eq!(texts("城乡居民收入倍差为1.63"), ["1.63=1.63 times"]);
        // A rate resolved from a model is no model itself: both read as the 亿元 one.
        assert_eq!(
            texts("利润0.12/家 营收0.05亿元/家 利润0.12/家 营收0.05亿元/家"),
            [
                "0.12/家=12000000 CNY/家",
                "0.05亿元/家=5000000 CNY/家",
                "0.12/家=12000000 CNY/家",
                "0.05亿元/家=5000000 CNY/家"
            ]
        );
    }

    /// Batches change nothing: a sentence resolved in batches of 16
    /// candidates reads as resolved whole, on long unpunctuated text with
    /// lists, rates that borrow a numerator, 倍差, and the dev articles with
    /// every sentence end taken out.
    #[test]
    fn batches_resolve_as_whole_sentences() {
        let mut texts: Vec<String> = vec![
            "海宁市实现地区生产总值1318.2亿元同比增长6.8%一般公共预算收入100.1亿元较2019年提高5.5个百分点".repeat(40),
            "分别低于2.2个、4.4个百分点，".repeat(60),
            "1、".repeat(300) + "2个百分点",
            "分别为1.75亿/家、0.15亿元/家，".repeat(50),
            "下降0.12/家和0.05亿元/家 城乡居民收入倍差为1.63 ".repeat(50),
            "15.7、12.4和1.1个百分点 增长3% 12家 ".repeat(80),
            // A rate whose only model is the next item: a batch must not end between them.
            ("利润0.12/家 营收0.05亿元/家 ".to_string() + &"增长3% ".repeat(9)).repeat(30),
        ];
        let dev = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/dev/articles");
        let heldout = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/heldout");
        for dir in [dev, heldout] {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.extension().map_or(true, |e| e != "txt") {
                    continue;
                }
                if let Ok(t) = std::fs::read_to_string(path) {
                    texts.push(t.replace(ends_sentence, "，"));
                }
            }
        }
        for text in &texts {
            let whole: Vec<Quantity> = with_batch(text, usize::MAX).collect();
            let batched: Vec<Quantity> = with_batch(text, 16).collect();
            assert!(whole.len() > 10, "{} found in {:?}", whole.len(), text.get(..60));
            let first = batched.iter().zip(&whole).position(|(a, b)| a != b);
            assert_eq!(
                (batched.len(), first),
                (whole.len(), None),
                "{:?}: first difference {:?}",
                text.get(..60),
                first.map(|i| (batched.get(i), whole.get(i)))
            );
        }
    }

    #[test]
    fn damage_costs_the_figure_it_splits() {
        assert_eq!(texts("实现\u{FFFD}1318.2亿元"), ["1318.2亿元=131820000000 CNY"]);
        assert_eq!(
            texts("1318.2亿元\u{FFFD}，增长6.8%"),
            ["1318.2亿元=131820000000 CNY", "6.8%=6.8 percent"]
        );
        for s in [
            "1\u{FFFD}318.2亿元",
            "1318.\u{FFFD}2亿元",
            "近\u{FFFD}50家",
            "50家\u{FFFD}以上",
            "6\u{FFFD}.8%",
        ] {
            assert_eq!(texts(s), Vec::<String>::new(), "{s}");
        }
    }

    #[test]
    fn ranks() {
        assert_eq!(texts("居五地第2，"), ["第2=2 rank"]);
        assert_eq!(texts("全国百强县第16位"), ["第16位=16 rank"]);
        assert_eq!(texts("数量居湖州市首位。"), ["首位=1 rank"]);
        assert_eq!(texts("第一次会议"), Vec::<String>::new());
    }

    #[test]
    fn qualifier_look_ahead_reads_as_the_grammar() {
        assert_eq!(texts("上百家企业"), ["上百家=100 家 (approx)"]);
        assert_eq!(texts("上了万人"), ["上了万人=10000 人 (approx)"]);
        assert_eq!(texts("上(shàng)千次"), ["上(shàng)千次=1000 次 (approx)"]);
        assert_eq!(texts("上半年增长5%"), ["5%=5 percent"]);
        assert_eq!(texts("近(jìn)50家"), ["近(jìn)50家=50 家 (approx)"]);
        assert_eq!(texts("近\u{200b}50家"), ["近\u{200b}50家=50 家 (approx)"]);
    }
}
