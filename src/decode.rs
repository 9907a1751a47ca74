//! Bytes to text: encoding detection and decoding.
//!
//! Documents reach zh-econ as bytes in whatever encoding they were saved in.
//! [`decode`] (strict) and [`decode_lossy`] (lenient) turn them into text and
//! report which [`Encoding`] they read; [`detect`] only makes the choice.
//!
//! Supported encodings: UTF-8 (with or without BOM), UTF-16LE and UTF-16BE
//! (with BOM), GB18030 (which also reads its subsets GBK and GB2312) and Big5.
//! The BOM is never part of the text.
//!
//! # Detection
//!
//! The first rule that applies decides:
//!
//! 1. **BOM.** `EF BB BF` is UTF-8, `FF FE` is UTF-16LE, `FE FF` is UTF-16BE.
//!    A BOM is trusted even when the bytes after it do not decode: [`decode`]
//!    then reports the error and [`decode_lossy`] replaces the bad sequences.
//! 2. **UTF-8.** Valid UTF-8 (so also ASCII and empty input) is UTF-8, with
//!    one exception: if its only non-ASCII characters are one or two
//!    two-byte sequences that make no sense on their own (a Cyrillic,
//!    Armenian, Hebrew or Arabic letter, an IPA letter or combining mark, a
//!    Latin Extended letter outside a Latin word), it is far more likely GBK
//!    or Big5 (`100元` in GBK is `31 30 30 D4 AA`, which is `100Ԫ` in UTF-8),
//!    so it goes on to rule 3 and UTF-8 only stays a candidate in rule 5.
//!    Latin-1 (`25°C`, `café`) and Greek (`α=0.05`) are trusted, so `CE BB`
//!    (`位` in GBK) stays `λ`. Invalid UTF-8 is still UTF-8 when it has at
//!    least 8 well-formed multi-byte sequences per malformed one (a damaged or
//!    truncated UTF-8 file; GBK and Big5 text practically never looks like
//!    that).
//! 3. **One clean decoding.** The bytes are decoded strictly (without
//!    replacement) as GB18030 and as Big5. If exactly one succeeds, it wins,
//!    with one exception: when Big5 fails and the bytes are partly UTF-8 (at
//!    least four three-byte UTF-8 sequences, and one per two characters of
//!    anything else: a UTF-8 page with a pasted GBK or Big5 block), they are
//!    UTF-8, which reads its part right; GB18030 decodes almost any byte
//!    pairs, the UTF-8 part included, into nonsense.
//! 4. **Two clean decodings.** A plausibility score of the two decodings
//!    decides: frequent characters of Chinese (economic) text and the common
//!    characters of GB2312 and Big5 (their level 1) count for a decoding;
//!    private-use characters, kana, bopomofo, box drawing, rare CJK
//!    extensions, stray Latin letters and control characters count against
//!    it. Only a close call on input with 64 or more non-ASCII bytes goes to
//!    chardetng (when it names GBK or Big5): the scores are close when they
//!    differ by less than one point per 4 non-ASCII bytes (half a point per
//!    character; in Chinese text of that length the right reading leads by
//!    nearly two points per character or more). So chardetng does not
//!    overrule a clear score: on its own it reads traditional text in GB18030
//!    as Big5, whose decoding is then full of bopomofo, rare ideographs and
//!    characters outside Big5 level 1 (`肮掀崝墿坋珨捷ㄛ…`). Shorter input,
//!    where chardetng is unreliable (it reads `亿元` in GBK as Big5 and `億元`
//!    in Big5 as GBK), is decided by the score alone. A tie goes to
//!    chardetng, then to GB18030.
//! 5. **No clean decoding.** Of UTF-8, GB18030 and Big5 (in that order of
//!    preference on a tie), the one whose lenient decoding has the best
//!    plausibility score wins; every U+FFFD counts heavily against.
//!
//! Two bytes are a single character in both GBK and Big5, so very short
//! input can be genuinely ambiguous: `B5 C4` is `的` in GBK and `腔` in Big5.
//! Frequent characters tip the balance (`的` wins here), but when both
//! readings are equally plausible, GB18030 wins: `BB F5` alone is read as
//! `货` (GBK), not `億` (Big5). One more character usually settles it
//! (`BB F5 A4 B8` is `億元`).
//!
//! ```
//! use zh_econ::decode::{detect, Encoding};
//!
//! let cases: &[(&[u8], Encoding)] = &[
//!     (b"", Encoding::Utf8),
//!     (b"5%", Encoding::Utf8),
//!     ("1318.2\u{4ebf}\u{5143}".as_bytes(), Encoding::Utf8), // 1318.2亿元
//!     (b"\xEF\xBB\xBF\xE4\xBA\xBF", Encoding::Utf8),         // BOM, 亿
//!     (b"\xFF\xFE\xBF\x4E", Encoding::Utf16Le),              // BOM, 亿
//!     (b"\xFE\xFF\x4E\xBF", Encoding::Utf16Be),              // BOM, 亿
//!     (b"\xD2\xDA\xD4\xAA", Encoding::Gb18030),              // 亿元 in GBK
//!     (b"\xBB\xF5\xA4\xB8", Encoding::Big5),                 // 億元 in Big5
//!     (b"\xB5\xC4", Encoding::Gb18030),                      // 的 in GBK
//!     (b"100\xD4\xAA", Encoding::Gb18030),                   // 100元 in GBK
//!     ("25\u{b0}C".as_bytes(), Encoding::Utf8),              // 25°C
//! ];
//! for &(bytes, expected) in cases {
//!     assert_eq!(detect(bytes), expected, "{bytes:02X?}");
//! }
//! ```
//!
//! # Strict and lenient decoding
//!
//! [`decode`] fails with a [`DecodeError`] that names the encoding, the byte
//! offset of the first malformed sequence and its bytes. [`decode_lossy`]
//! never fails: it replaces each malformed sequence with U+FFFD and records
//! how many there were and where the first one starts, so that a caller can
//! warn.
//!
//! ```
//! use zh_econ::decode::{decode, decode_lossy, Encoding};
//!
//! // "增长5%" in GB18030 with a stray 0xFF at byte 4.
//! let bytes = b"\xD4\xF6\xB3\xA4\xFF5%";
//! let err = decode(bytes).unwrap_err();
//! assert_eq!(err.offset(), 4);
//! assert_eq!(
//!     err.to_string(),
//!     "malformed GB18030 at byte 4: 1 byte (0xFF) is not a valid sequence"
//! );
//!
//! let lossy = decode_lossy(bytes);
//! assert_eq!(lossy.encoding, Encoding::Gb18030);
//! assert_eq!(lossy.text, "增长\u{FFFD}5%");
//! assert_eq!((lossy.replacements, lossy.first_replacement), (1, Some(4)));
//! ```
//!
//! # Untrusted input
//!
//! No input makes these functions panic. Time is linear in the input length
//! (detection makes a few passes over it, and runs chardetng, the slowest,
//! only on a close call or a tie of rule 4), and the only allocation that
//! grows with the input is the decoded text, at most three bytes per input
//! byte.
//! Valid UTF-8 is returned as a borrowed [`Cow`] without copying.

use std::borrow::Cow;
use std::fmt;
use std::ops::ControlFlow;
use std::sync::LazyLock;

use encoding_rs::{DecoderResult, BIG5, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

/// A text encoding that [`decode`] can detect and read.
///
/// [`name`](Encoding::name) and `Display` give the name zh-econ reports
/// (`"UTF-8"`, `"UTF-16LE"`, `"UTF-16BE"`, `"GB18030"`, `"Big5"`); with the
/// `serde` feature the encoding is (de)serialized as that same name, which is
/// the `"encoding"` field of the JSON output.
///
/// ```
/// use zh_econ::decode::Encoding;
///
/// assert_eq!(Encoding::Gb18030.name(), "GB18030");
/// assert_eq!(Encoding::Utf16Le.to_string(), "UTF-16LE");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8, with or without BOM (`"UTF-8"`).
    #[cfg_attr(feature = "serde", serde(rename = "UTF-8"))]
    Utf8,
    /// UTF-16 little-endian, recognised by its BOM `FF FE` (`"UTF-16LE"`).
    #[cfg_attr(feature = "serde", serde(rename = "UTF-16LE"))]
    Utf16Le,
    /// UTF-16 big-endian, recognised by its BOM `FE FF` (`"UTF-16BE"`).
    #[cfg_attr(feature = "serde", serde(rename = "UTF-16BE"))]
    Utf16Be,
    /// GB18030, which also reads GBK and GB2312 (`"GB18030"`).
    #[cfg_attr(feature = "serde", serde(rename = "GB18030"))]
    Gb18030,
    /// Big5 as specified by the WHATWG Encoding Standard, i.e. with the
    /// HKSCS extensions (`"Big5"`).
    #[cfg_attr(feature = "serde", serde(rename = "Big5"))]
    Big5,
}

impl Encoding {
    /// The name zh-econ reports for this encoding: one of `"UTF-8"`,
    /// `"UTF-16LE"`, `"UTF-16BE"`, `"GB18030"` and `"Big5"`.
    ///
    /// ```
    /// use zh_econ::decode::{detect, Encoding};
    ///
    /// assert_eq!(Encoding::Utf8.name(), "UTF-8");
    /// assert_eq!(Encoding::Big5.name(), "Big5");
    /// // GBK and GB2312 input is read, and reported, as GB18030.
    /// assert_eq!(detect(b"\xD2\xDA\xD4\xAA").name(), "GB18030"); // 亿元
    /// ```
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Gb18030 => "GB18030",
            Encoding::Big5 => "Big5",
        }
    }

    /// The `encoding_rs` codec that reads this encoding.
    fn codec(self) -> &'static encoding_rs::Encoding {
        match self {
            Encoding::Utf8 => UTF_8,
            Encoding::Utf16Le => UTF_16LE,
            Encoding::Utf16Be => UTF_16BE,
            Encoding::Gb18030 => GB18030,
            Encoding::Big5 => BIG5,
        }
    }
}

/// Writes [`Encoding::name`].
///
/// ```
/// use zh_econ::decode::Encoding;
///
/// assert_eq!(format!("read as {}", Encoding::Gb18030), "read as GB18030");
/// ```
impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Decoded text and how it was read.
///
/// `text` borrows the input when it is valid UTF-8 (after any BOM), so no
/// copy is made; otherwise it owns the decoded text.
///
/// ```
/// use std::borrow::Cow;
/// use zh_econ::decode::{decode_lossy, Encoding};
///
/// let input = "同比增长6.8%".as_bytes();
/// let decoded = decode_lossy(input);
/// assert!(matches!(decoded.text, Cow::Borrowed(_)));
/// assert_eq!(decoded.encoding, Encoding::Utf8);
/// assert!(!decoded.bom);
/// assert_eq!(decoded.replacements, 0);
/// assert_eq!(decoded.first_replacement, None);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded<'a> {
    /// The text, without the BOM.
    pub text: Cow<'a, str>,
    /// The encoding the bytes were read as.
    pub encoding: Encoding,
    /// Whether the input started with a byte order mark (which is not part
    /// of `text`).
    pub bom: bool,
    /// How many malformed sequences were replaced with U+FFFD (always 0 from
    /// the strict [`decode`]).
    pub replacements: usize,
    /// The byte offset in the input (counting the BOM) of the first malformed
    /// sequence that was replaced, if any.
    pub first_replacement: Option<usize>,
}

/// Why strict decoding failed.
///
/// ```
/// use zh_econ::decode::{decode, DecodeError, Encoding};
///
/// // "亿元" in UTF-8 with the last byte missing.
/// let err = decode(b"\xE4\xBA\xBF\xE5\x85").unwrap_err();
/// assert_eq!(err.encoding(), Encoding::Utf8);
/// assert_eq!(err.offset(), 3);
/// assert_eq!(err.bytes(), b"\xE5\x85");
/// assert_eq!(
///     err.to_string(),
///     "malformed UTF-8 at byte 3: 2 bytes (0xE5 0x85) are not a valid sequence"
/// );
/// assert!(matches!(err, DecodeError::Malformed { len: 2, .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The input has a byte sequence that is not valid in the detected
    /// encoding.
    #[error("malformed {encoding} at byte {offset}: {}", Sequence(bytes, *len))]
    #[non_exhaustive]
    Malformed {
        /// The encoding the input was read as.
        encoding: Encoding,
        /// The byte offset of the malformed sequence in the input (counting
        /// any BOM).
        offset: usize,
        /// The length of the malformed sequence in bytes: the bytes that
        /// [`decode_lossy`] replaces with one U+FFFD. Bytes after it that
        /// merely revealed the error are not included.
        len: usize,
        /// The first `min(len, 4)` bytes of the malformed sequence; the rest
        /// is zero. [`DecodeError::bytes`] gives just the meaningful part.
        bytes: [u8; 4],
    },
}

impl DecodeError {
    /// Builds the error for the malformed sequence at `offset..offset + len`
    /// of `input`.
    #[cold]
    fn malformed(input: &[u8], encoding: Encoding, offset: usize, len: usize) -> Self {
        let mut bytes = [0; 4];
        let end = offset.saturating_add(len.min(4));
        if let Some(seen) = input.get(offset..end) {
            for (slot, &b) in bytes.iter_mut().zip(seen) {
                *slot = b;
            }
        }
        DecodeError::Malformed {
            encoding,
            offset,
            len,
            bytes,
        }
    }

    /// The encoding the input was read as.
    ///
    /// ```
    /// use zh_econ::decode::{decode, Encoding};
    ///
    /// // A UTF-16LE BOM, then half a code unit.
    /// assert_eq!(decode(b"\xFF\xFE\x41").unwrap_err().encoding(), Encoding::Utf16Le);
    /// ```
    #[must_use]
    pub fn encoding(&self) -> Encoding {
        match self {
            DecodeError::Malformed { encoding, .. } => *encoding,
        }
    }

    /// The byte offset of the first malformed sequence in the input
    /// (counting any BOM).
    ///
    /// ```
    /// use zh_econ::decode::decode;
    ///
    /// // A UTF-16LE BOM, "A", then a lone high surrogate.
    /// assert_eq!(decode(b"\xFF\xFE\x41\x00\x00\xD8").unwrap_err().offset(), 4);
    /// ```
    #[must_use]
    pub fn offset(&self) -> usize {
        match self {
            DecodeError::Malformed { offset, .. } => *offset,
        }
    }

    /// The malformed bytes themselves (at most 4 of them).
    ///
    /// ```
    /// use zh_econ::decode::decode;
    ///
    /// // A UTF-8 BOM, then a byte that never occurs in UTF-8.
    /// assert_eq!(decode(b"\xEF\xBB\xBFa\xFF").unwrap_err().bytes(), b"\xFF");
    /// ```
    #[must_use]
    pub fn bytes(&self) -> &[u8] {
        match self {
            DecodeError::Malformed { len, bytes, .. } => bytes.get(..(*len).min(4)).unwrap_or_default(),
        }
    }
}

/// Formats a malformed sequence for [`DecodeError`]'s message, such as
/// `2 bytes (0x81 0x20) are not a valid sequence`.
struct Sequence<'a>(&'a [u8], usize);

impl fmt::Display for Sequence<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Sequence(bytes, len) = *self;
        if len == 1 {
            f.write_str("1 byte (")?;
        } else {
            write!(f, "{len} bytes (")?;
        }
        let shown = bytes.get(..len.min(4)).unwrap_or_default();
        for (i, b) in shown.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "0x{b:02X}")?;
        }
        if len > shown.len() {
            f.write_str(" …")?;
        }
        let verb = if len == 1 { "is" } else { "are" };
        write!(f, ") {verb} not a valid sequence")
    }
}

/// Decodes `bytes` strictly, detecting the encoding.
///
/// The encoding is chosen as described in the [module documentation](self)
/// (it is what [`detect`] returns). Fails on the first malformed sequence;
/// use [`decode_lossy`] to replace such sequences instead.
///
/// ```
/// use zh_econ::decode::{decode, Encoding};
///
/// // "1318.2億元" in Big5.
/// let decoded = decode(b"1318.2\xBB\xF5\xA4\xB8")?;
/// assert_eq!(decoded.text, "1318.2億元");
/// assert_eq!(decoded.encoding, Encoding::Big5);
///
/// // "5%" in UTF-16BE with BOM.
/// let decoded = decode(b"\xFE\xFF\x00\x35\x00\x25")?;
/// assert_eq!((&*decoded.text, decoded.encoding, decoded.bom), ("5%", Encoding::Utf16Be, true));
/// # Ok::<(), zh_econ::decode::DecodeError>(())
/// ```
///
/// # Errors
///
/// [`DecodeError::Malformed`] if the bytes are not valid in the detected
/// encoding.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, DecodeError> {
    let Choice { encoding, bom } = choose(bytes);
    let body = bytes.get(bom..).unwrap_or_default();
    let text = if encoding == Encoding::Utf8 {
        match std::str::from_utf8(body) {
            Ok(text) => Cow::Borrowed(text),
            Err(e) => {
                let len = e
                    .error_len()
                    .unwrap_or_else(|| body.len().saturating_sub(e.valid_up_to()));
                let offset = bom.saturating_add(e.valid_up_to());
                return Err(DecodeError::malformed(bytes, encoding, offset, len));
            }
        }
    } else {
        let mut sink = Collect::new(body.len(), true);
        walk(encoding.codec(), body, bom, &mut sink);
        if let Some((offset, len)) = sink.first {
            return Err(DecodeError::malformed(bytes, encoding, offset, len));
        }
        Cow::Owned(sink.out)
    };
    Ok(Decoded {
        text,
        encoding,
        bom: bom > 0,
        replacements: 0,
        first_replacement: None,
    })
}

/// Decodes `bytes` leniently, detecting the encoding: each malformed
/// sequence becomes U+FFFD.
///
/// The encoding is chosen as described in the [module documentation](self)
/// (it is what [`detect`] returns). [`Decoded::replacements`] and
/// [`Decoded::first_replacement`] say whether, and where, anything was
/// replaced.
///
/// ```
/// use zh_econ::decode::{decode_lossy, Encoding};
///
/// // "亿元" in UTF-8 with a stray 0x80 at byte 3.
/// let decoded = decode_lossy(b"\xE4\xBA\xBF\x80\xE5\x85\x83");
/// assert_eq!(decoded.encoding, Encoding::Utf8);
/// assert_eq!(decoded.text, "亿\u{FFFD}元");
/// assert_eq!(decoded.replacements, 1);
/// assert_eq!(decoded.first_replacement, Some(3));
/// ```
#[must_use]
pub fn decode_lossy(bytes: &[u8]) -> Decoded<'_> {
    let Choice { encoding, bom } = choose(bytes);
    let body = bytes.get(bom..).unwrap_or_default();
    let mut replacements = 0;
    let mut first_replacement = None;
    let text = if encoding == Encoding::Utf8 {
        match std::str::from_utf8(body) {
            Ok(text) => Cow::Borrowed(text),
            Err(_) => {
                let mut out = String::with_capacity(body.len().saturating_add(8));
                let mut offset = bom;
                for chunk in body.utf8_chunks() {
                    out.push_str(chunk.valid());
                    offset = offset.saturating_add(chunk.valid().len());
                    if !chunk.invalid().is_empty() {
                        out.push(char::REPLACEMENT_CHARACTER);
                        replacements += 1;
                        first_replacement.get_or_insert(offset);
                        offset = offset.saturating_add(chunk.invalid().len());
                    }
                }
                Cow::Owned(out)
            }
        }
    } else {
        let mut sink = Collect::new(body.len(), false);
        walk(encoding.codec(), body, bom, &mut sink);
        replacements = sink.replacements;
        first_replacement = sink.first.map(|(offset, _)| offset);
        Cow::Owned(sink.out)
    };
    Decoded {
        text,
        encoding,
        bom: bom > 0,
        replacements,
        first_replacement,
    }
}

/// Detects the encoding of `bytes`: the one [`decode`] and [`decode_lossy`]
/// would use.
///
/// The rules are in the [module documentation](self). Detection decodes
/// through a small fixed buffer and does not build the decoded text.
///
/// ```
/// use zh_econ::decode::{detect, Encoding};
///
/// assert_eq!(detect("2023年".as_bytes()), Encoding::Utf8);
/// assert_eq!(detect(b"2023\xC4\xEA"), Encoding::Gb18030); // 2023年 in GBK
/// assert_eq!(detect(b"2023\xA6\x7E"), Encoding::Big5); // 2023年 in Big5
/// ```
#[must_use]
pub fn detect(bytes: &[u8]) -> Encoding {
    choose(bytes).encoding
}

/// What detection chose: the encoding and the length of the BOM (0 if none).
#[derive(Debug, Clone, Copy)]
struct Choice {
    encoding: Encoding,
    bom: usize,
}

/// Inputs with at least this many non-ASCII bytes are long enough for
/// chardetng to choose between GB18030 and Big5 when their plausibility
/// scores are close.
const CHARDET_MIN_NON_ASCII: usize = 64;

/// The plausibility scores of GB18030 and Big5 differ clearly when they
/// differ by at least one point per this many non-ASCII bytes (half a point
/// per double-byte character). In Chinese text with 64 or more non-ASCII
/// bytes (the dev articles in GB18030 and Big5, in simplified and traditional
/// script, in windows of 24 to 4096 characters) the right reading leads by at
/// least 1.75 points per character, usually 2.5 or more.
const CLEAR_MARGIN_NON_ASCII_BYTES: usize = 4;

/// Invalid UTF-8 is still read as UTF-8 if it has at least this many
/// well-formed multi-byte sequences per malformed one.
const UTF8_SEQUENCES_PER_ERROR: usize = 8;

/// Applies the detection rules of the module documentation.
fn choose(bytes: &[u8]) -> Choice {
    let bom = |encoding, bom| Choice { encoding, bom };
    match bytes {
        [0xEF, 0xBB, 0xBF, ..] => return bom(Encoding::Utf8, 3),
        [0xFF, 0xFE, ..] => return bom(Encoding::Utf16Le, 2),
        [0xFE, 0xFF, ..] => return bom(Encoding::Utf16Be, 2),
        _ => {}
    }
    let encoding = if is_utf8(bytes) {
        Encoding::Utf8
    } else {
        // Big5 first: on GBK text it usually fails within a few characters,
        // and then GB18030 only needs checking, not scoring.
        match strict_score(Encoding::Big5, bytes) {
            Some(big5) => match strict_score(Encoding::Gb18030, bytes) {
                Some(gb18030) => choose_gb18030_or_big5(bytes, gb18030, big5),
                None => Encoding::Big5,
            },
            // A UTF-8 page with a pasted GBK or Big5 block: GB18030 decodes
            // almost any byte pairs, UTF-8 included, so a clean reading is no
            // evidence; UTF-8 reads its part right.
            None if partly_utf8(bytes) => Encoding::Utf8,
            None if is_clean(GB18030, bytes) => Encoding::Gb18030,
            None => choose_by_score(bytes),
        }
    };
    Choice { encoding, bom: 0 }
}

/// Rule 2: valid UTF-8 (unless it looks like a GBK or Big5 character), or
/// UTF-8 with few malformed sequences.
fn is_utf8(bytes: &[u8]) -> bool {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return !looks_double_byte(text);
    }
    let mut sequences = 0usize;
    let mut errors = 0usize;
    let mut remaining = bytes.len();
    for chunk in bytes.utf8_chunks() {
        // Each multi-byte sequence has one lead byte, 0xC2 or above.
        sequences += chunk.valid().bytes().filter(|&b| b >= 0xC0).count();
        if !chunk.invalid().is_empty() {
            errors += 1;
        }
        remaining = remaining.saturating_sub(chunk.valid().len() + chunk.invalid().len());
        // The rest holds at most one sequence per two bytes: stop as soon as
        // that cannot make up for the errors (GBK and Big5 text fail within
        // a few characters).
        if sequences.saturating_add(remaining / 2) < errors.saturating_mul(UTF8_SEQUENCES_PER_ERROR) {
            return false;
        }
    }
    sequences >= errors.saturating_mul(UTF8_SEQUENCES_PER_ERROR)
}

/// Whether `bytes` hold at least four three-byte UTF-8 sequences (a Chinese
/// character each), and at least one per two characters of anything else: a
/// UTF-8 part at least half as large as the rest. Text wholly in GBK or Big5
/// holds about one such sequence per 70 characters, by chance (measured on
/// the dev articles); a UTF-8 page with a pasted block about one per one.
///
/// A pasted block is a long run, so past 16 KiB the count samples 512
/// bytes of every 4 KiB: detection stays a small part of decoding.
fn partly_utf8(bytes: &[u8]) -> bool {
    const WINDOW: usize = 512;
    const STRIDE: usize = 4096;
    let (mut sequences, mut other) = (0usize, 0usize);
    let mut count = |window: &[u8]| {
        let mut i = 0;
        while let Some(&b) = window.get(i) {
            let continued = |k: usize| window.get(i + k).is_some_and(|c| (0x80..0xC0).contains(c));
            if (0xE0..0xF0).contains(&b) && continued(1) && continued(2) {
                sequences += 1;
                i += 3;
            } else {
                other += usize::from(b >= 0x80);
                i += 1;
            }
        }
    };
    if bytes.len() <= 4 * STRIDE {
        count(bytes);
    } else {
        bytes
            .chunks(STRIDE)
            .for_each(|block| count(block.get(..WINDOW).unwrap_or(block)));
    }
    // Two bytes of anything else make about one GBK or Big5 character.
    sequences >= 4 && sequences.saturating_mul(4) >= other
}

/// Whether valid UTF-8 is more likely one or two GBK or Big5 characters: it
/// has one or two non-ASCII characters, and each is a two-byte sequence that
/// is implausible on its own: a Latin Extended letter (U+0100–U+024F) that is
/// not part of a Latin word, or a character from U+0250–U+036F (IPA,
/// modifier letters, combining marks) or U+0400–U+07FF (Cyrillic, Armenian,
/// Hebrew, Arabic, …). `(一)` in GBK is `(\xD2\xBB)`, valid UTF-8 for `(һ)`.
/// Latin-1 (`25°C`, `café`) and Greek (`α=0.05`) stay UTF-8.
fn looks_double_byte(text: &str) -> bool {
    let letter = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
    let mut count = 0;
    let mut prev = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_ascii() {
            count += 1;
            let suspicious = match u32::from(c) {
                0x100..=0x24F => !letter(prev) && !letter(chars.peek().copied()),
                0x250..=0x36F | 0x400..=0x7FF => true,
                _ => false,
            };
            if count > 2 || !suspicious {
                return false;
            }
        }
        prev = Some(c);
    }
    count > 0
}

/// Rule 4: both GB18030 and Big5 decode the bytes cleanly, with these
/// plausibility scores.
///
/// A clear difference in score decides. chardetng only decides a close call
/// on long enough input: on its own it reads traditional text in GB18030 as
/// Big5 (whose decoding is then full of bopomofo and rare ideographs), and on
/// short input it is unreliable either way.
fn choose_gb18030_or_big5(bytes: &[u8], gb18030: i64, big5: i64) -> Encoding {
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    if non_ascii >= CHARDET_MIN_NON_ASCII && !is_clear(gb18030, big5, non_ascii) {
        if let Some(encoding) = chardet(bytes) {
            return encoding;
        }
    }
    match gb18030.cmp(&big5) {
        std::cmp::Ordering::Greater => Encoding::Gb18030,
        std::cmp::Ordering::Less => Encoding::Big5,
        std::cmp::Ordering::Equal => chardet(bytes).unwrap_or(Encoding::Gb18030),
    }
}

/// Whether two plausibility scores of a text with `non_ascii` non-ASCII
/// bytes differ clearly: by at least one point per
/// [`CLEAR_MARGIN_NON_ASCII_BYTES`] non-ASCII bytes.
fn is_clear(a: i64, b: i64, non_ascii: usize) -> bool {
    let margin = a.abs_diff(b);
    let needed = u64::try_from(non_ascii / CLEAR_MARGIN_NON_ASCII_BYTES).unwrap_or(u64::MAX);
    margin > 0 && margin >= needed
}

/// Rule 5: no candidate decodes the bytes cleanly.
fn choose_by_score(bytes: &[u8]) -> Encoding {
    let mut best = Encoding::Utf8;
    let mut best_score = score(Encoding::Utf8, bytes);
    for candidate in [Encoding::Gb18030, Encoding::Big5] {
        let candidate_score = score(candidate, bytes);
        if candidate_score > best_score {
            best = candidate;
            best_score = candidate_score;
        }
    }
    best
}

/// chardetng's guess, if it is GB18030 (chardetng says GBK) or Big5.
fn chardet(bytes: &[u8]) -> Option<Encoding> {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    if guess == GBK || guess == GB18030 {
        Some(Encoding::Gb18030)
    } else if guess == BIG5 {
        Some(Encoding::Big5)
    } else {
        None
    }
}

/// The plausibility score of reading `bytes` as `encoding` (GB18030 or
/// Big5), or `None` if it has a malformed sequence.
fn strict_score(encoding: Encoding, bytes: &[u8]) -> Option<i64> {
    let mut scorer = Scorer::new(encoding);
    scorer.strict = true;
    walk(encoding.codec(), bytes, 0, &mut scorer);
    (!scorer.malformed).then(|| scorer.finish())
}

/// Whether `codec` decodes `bytes` without a malformed sequence.
fn is_clean(codec: &'static encoding_rs::Encoding, bytes: &[u8]) -> bool {
    let mut sink = Check { clean: true };
    walk(codec, bytes, 0, &mut sink);
    sink.clean
}

/// The plausibility score of reading `bytes` as `encoding` (leniently).
fn score(encoding: Encoding, bytes: &[u8]) -> i64 {
    let mut scorer = Scorer::new(encoding);
    if encoding == Encoding::Utf8 {
        for chunk in bytes.utf8_chunks() {
            chunk.valid().chars().for_each(|c| scorer.push(c));
            if !chunk.invalid().is_empty() {
                scorer.push(char::REPLACEMENT_CHARACTER);
            }
        }
    } else {
        walk(encoding.codec(), bytes, 0, &mut scorer);
    }
    scorer.finish()
}

/// A capacity for decoding `len` bytes: every supported encoding needs at
/// most 3 UTF-8 bytes per 2 input bytes (plus 3 per replacement, which the
/// string grows for if needed).
fn decoded_capacity(len: usize) -> usize {
    len.saturating_add(len / 2).saturating_add(4)
}

/// The capacity of the buffer that [`walk`] decodes into. Kept small: each
/// decoder call touches every memory page of the buffer's spare capacity.
const SCRATCH: usize = 4096;

/// Receives what [`walk`] decodes.
trait Sink {
    /// Receives the next piece of decoded text.
    fn text(&mut self, text: &str);

    /// Receives a malformed sequence of `len` bytes at `offset` (after the
    /// text before it). Breaking stops decoding.
    fn malformed(&mut self, offset: usize, len: usize) -> ControlFlow<()>;
}

/// Decodes `bytes` (which start at `base` in the input) with `codec`, without
/// BOM handling, reporting text and malformed sequences to `sink` in order.
fn walk(codec: &'static encoding_rs::Encoding, bytes: &[u8], base: usize, sink: &mut impl Sink) {
    let mut decoder = codec.new_decoder_without_bom_handling();
    let mut buffer = String::with_capacity(SCRATCH);
    let mut pos = 0usize;
    loop {
        let src = bytes.get(pos..).unwrap_or_default();
        // The buffer is empty here, so there is room for at least one
        // character and every call makes progress.
        let (result, read) = decoder.decode_to_string_without_replacement(src, &mut buffer, true);
        pos = pos.saturating_add(read);
        sink.text(&buffer);
        buffer.clear();
        match result {
            DecoderResult::InputEmpty => return,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(bad, extra) => {
                let end = pos.saturating_sub(usize::from(extra));
                let start = end.saturating_sub(usize::from(bad));
                let offset = base.saturating_add(start);
                if sink.malformed(offset, usize::from(bad)).is_break() {
                    return;
                }
            }
        }
    }
}

/// Keeps the decoded text; counts (or, if strict, stops at) malformed
/// sequences.
struct Collect {
    out: String,
    strict: bool,
    replacements: usize,
    /// Offset and length of the first malformed sequence.
    first: Option<(usize, usize)>,
}

impl Collect {
    fn new(input_len: usize, strict: bool) -> Self {
        Collect {
            out: String::with_capacity(decoded_capacity(input_len)),
            strict,
            replacements: 0,
            first: None,
        }
    }
}

impl Sink for Collect {
    fn text(&mut self, text: &str) {
        self.out.push_str(text);
    }

    fn malformed(&mut self, offset: usize, len: usize) -> ControlFlow<()> {
        self.first.get_or_insert((offset, len));
        if self.strict {
            return ControlFlow::Break(());
        }
        self.out.push(char::REPLACEMENT_CHARACTER);
        self.replacements += 1;
        ControlFlow::Continue(())
    }
}

/// Discards the text; stops at the first malformed sequence.
struct Check {
    clean: bool,
}

impl Sink for Check {
    fn text(&mut self, _text: &str) {}

    fn malformed(&mut self, _offset: usize, _len: usize) -> ControlFlow<()> {
        self.clean = false;
        ControlFlow::Break(())
    }
}

/// Scores how plausible a decoding is as Chinese text, one character at a
/// time (with one character of context on each side).
struct Scorer {
    /// Scoring a Big5 decoding: only Big5 level 1 counts as common, and
    /// frequent characters only count if they are in it.
    big5: bool,
    common: &'static CommonHan,
    prev: Option<char>,
    cur: Option<char>,
    total: i64,
    /// Stop at the first malformed sequence (instead of scoring it as
    /// U+FFFD).
    strict: bool,
    /// Whether a malformed sequence was seen.
    malformed: bool,
}

impl Scorer {
    fn new(candidate: Encoding) -> Self {
        Scorer {
            big5: candidate == Encoding::Big5,
            common: &COMMON_HAN,
            prev: None,
            cur: None,
            total: 0,
            strict: false,
            malformed: false,
        }
    }

    fn push(&mut self, next: char) {
        if let Some(cur) = self.cur {
            let s = self.char_score(self.prev, cur, Some(next));
            self.total = self.total.saturating_add(s);
        }
        self.prev = self.cur;
        self.cur = Some(next);
    }

    fn finish(mut self) -> i64 {
        if let Some(cur) = self.cur {
            let s = self.char_score(self.prev, cur, None);
            self.total = self.total.saturating_add(s);
        }
        self.total
    }

    fn char_score(&self, prev: Option<char>, c: char, next: Option<char>) -> i64 {
        let letter = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
        let u = u32::from(c);
        if u < 0x80 {
            return symbol_score(c);
        }
        if matches!(u, 0xE0..=0x1F9) && PINYIN.binary_search(&c).is_ok() {
            // Tone-marked pinyin (GB2312 row 8) belongs next to other letters,
            // as in `产(chǎn)`.
            return if letter(prev) || letter(next) { 1 } else { -2 };
        }
        let is_han = matches!(u, 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF);
        let mut s = match u {
            0x4E00..=0x9FFF => self.han_score(c),
            _ => symbol_score(c),
        };
        if is_han && letter(prev) && letter(next) {
            // A character inside a Latin word, as in `h角n`.
            s -= 4;
        }
        s
    }

    /// Scores a character of the CJK Unified Ideographs block.
    fn han_score(&self, c: char) -> i64 {
        let big5_common = self.common.in_big5_level1(c);
        let common = big5_common || (!self.big5 && self.common.in_gb2312_level1(c));
        let frequent = self.common.is_frequent(c) && (big5_common || !self.big5);
        if frequent {
            4
        } else if common {
            2
        } else {
            0
        }
    }
}

impl Sink for Scorer {
    fn text(&mut self, text: &str) {
        text.chars().for_each(|c| self.push(c));
    }

    fn malformed(&mut self, _offset: usize, _len: usize) -> ControlFlow<()> {
        self.malformed = true;
        if self.strict {
            return ControlFlow::Break(());
        }
        self.push(char::REPLACEMENT_CHARACTER);
        ControlFlow::Continue(())
    }
}

/// The first code point of the CJK Unified Ideographs block.
const HAN_START: u32 = 0x4E00;

/// 64-bit words for one bit per code point of U+4E00–U+9FFF.
const HAN_WORDS: usize = (0xA000 - HAN_START as usize) / 64;

/// The common characters of each double-byte encoding, and the frequent
/// characters of Chinese text, as bit sets over the CJK Unified Ideographs
/// block (U+4E00–U+9FFF).
struct CommonHan {
    /// GB2312 level 1 (GB `B0A1`–`D7F9`): the 3755 most common simplified
    /// characters.
    gb2312: [u64; HAN_WORDS],
    /// Big5 level 1 (`A440`–`C67E`): the 5401 most common traditional
    /// characters.
    big5: [u64; HAN_WORDS],
    /// [`FREQUENT`].
    frequent: [u64; HAN_WORDS],
}

/// Built on first use by decoding the level-1 code ranges.
static COMMON_HAN: LazyLock<CommonHan> = LazyLock::new(CommonHan::build);

impl CommonHan {
    fn build() -> Self {
        let mut sets = CommonHan {
            gb2312: [0; HAN_WORDS],
            big5: [0; HAN_WORDS],
            frequent: [0; HAN_WORDS],
        };
        for &c in &FREQUENT {
            insert_han(&mut sets.frequent, c);
        }
        for lead in 0xB0..=0xD7 {
            for trail in 0xA1..=0xFE {
                if let Some(c) = decode_pair(GBK, [lead, trail]) {
                    insert_han(&mut sets.gb2312, c);
                }
            }
        }
        for lead in 0xA4..=0xC6 {
            for trail in (0x40..=0x7E).chain(0xA1..=0xFE) {
                if u16::from_be_bytes([lead, trail]) > 0xC67E {
                    break;
                }
                if let Some(c) = decode_pair(BIG5, [lead, trail]) {
                    insert_han(&mut sets.big5, c);
                }
            }
        }
        sets
    }

    fn in_gb2312_level1(&self, c: char) -> bool {
        contains_han(&self.gb2312, c)
    }

    fn in_big5_level1(&self, c: char) -> bool {
        contains_han(&self.big5, c)
    }

    fn is_frequent(&self, c: char) -> bool {
        contains_han(&self.frequent, c)
    }
}

/// The one character that `pair` decodes to in `codec`, if any.
fn decode_pair(codec: &'static encoding_rs::Encoding, pair: [u8; 2]) -> Option<char> {
    let text = codec.decode_without_bom_handling_and_without_replacement(&pair)?;
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// The word and bit of `c` in a set of [`CommonHan`].
fn han_bit(c: char) -> Option<(usize, u64)> {
    let i = u32::from(c).checked_sub(HAN_START)?;
    let word = usize::try_from(i / 64).ok()?;
    Some((word, 1 << (i % 64)))
}

fn insert_han(set: &mut [u64; HAN_WORDS], c: char) {
    if let Some((word, bit)) = han_bit(c) {
        if let Some(w) = set.get_mut(word) {
            *w |= bit;
        }
    }
}

fn contains_han(set: &[u64; HAN_WORDS], c: char) -> bool {
    han_bit(c).is_some_and(|(word, bit)| set.get(word).is_some_and(|w| w & bit != 0))
}

/// Scores a character outside the CJK Unified Ideographs block.
fn symbol_score(c: char) -> i64 {
    match u32::from(c) {
        0x09 | 0x0A | 0x0D | 0x20..=0x7E => 0,
        // Control characters (including NUL).
        0x00..=0x1F | 0x7F..=0x9F => -4,
        // Middle dot, and signs of GB2312 row 1.
        0xB7 => 1,
        0xA7 | 0xB0 | 0xB1 | 0xD7 | 0xF7 => 0,
        // Other Latin letters and diacritics (pinyin is handled before).
        0xA0..=0x36F => -3,
        // Greek and Cyrillic.
        0x370..=0x4FF => -2,
        // Dashes, quotation marks, ellipsis.
        0x2010..=0x2027 => 1,
        // ‰ ℃ № Roman numerals, circled and parenthesised numbers.
        0x2030 | 0x2103 | 0x2116 | 0x2160..=0x217F | 0x2460..=0x24FF => 0,
        // Box drawing and block elements.
        0x2500..=0x259F => -3,
        // CJK and Kangxi radicals.
        0x2E80..=0x2FDF => -3,
        // Ideographic space; 、。《》「」【】〔〕 and friends.
        0x3000 => 0,
        0x3001..=0x3017 => 1,
        // Kana, bopomofo.
        0x3040..=0x30FF | 0x3100..=0x312F | 0x31A0..=0x31BF => -3,
        // Hangul.
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => -3,
        // Enclosed CJK letters, CJK compatibility.
        0x3200..=0x33FF => -2,
        // CJK Extension A.
        0x3400..=0x4DBF => -3,
        // Private use.
        0xE000..=0xF8FF | 0xF_0000..=0x10_FFFF => -5,
        // CJK compatibility ideographs.
        0xF900..=0xFAFF => -4,
        // CJK compatibility forms, small form variants.
        0xFE30..=0xFE6F => -2,
        // Full-width forms: ，％（）：； and full-width digits.
        0xFF01..=0xFF5E => 1,
        // Half-width katakana.
        0xFF61..=0xFF9F => -5,
        // A replacement: a malformed sequence, or text that already had one.
        0xFFFD => -8,
        // CJK Extensions B and later.
        0x20000..=0x3FFFF => -4,
        _ => -1,
    }
}

/// Tone-marked pinyin letters, as in GB2312 row 8 (sorted).
const PINYIN: [char; 29] = [
    'à', 'á', 'è', 'é', 'ê', 'ì', 'í', 'ò', 'ó', 'ù', 'ú', 'ü', 'ā', 'ē', 'ě', 'ī', 'ń', 'ň', 'ō', 'ū', 'ǎ', 'ǐ', 'ǒ',
    'ǔ', 'ǖ', 'ǘ', 'ǚ', 'ǜ', 'ǹ',
];

/// Frequent characters of Chinese text (sorted): the most frequent characters
/// of modern written Chinese, the vocabulary of statistical and economic
/// reports (亿 万 元 增 长 率 …), and the traditional forms of these that are
/// in Big5 level 1 (億 萬 長 …), without rare variant forms.
#[rustfmt::skip]
static FREQUENT: [char; 891] = [
    '一', '七', '万', '三', '上', '下', '不', '与', '专', '且', '世', '业', '东', '两', '严', '个',
    '中', '为', '主', '举', '么', '义', '之', '乎', '九', '也', '乡', '书', '了', '争', '事', '二',
    '于', '五', '亚', '些', '亞', '交', '产', '亩', '京', '亲', '人', '亿', '什', '仅', '今', '仍',
    '从', '他', '代', '令', '以', '们', '件', '价', '任', '企', '众', '会', '传', '似', '但', '位',
    '低', '住', '体', '何', '作', '你', '使', '來', '例', '供', '依', '便', '保', '信', '個', '們',
    '倒', '候', '值', '做', '備', '傳', '僅', '像', '價', '億', '儘', '儿', '元', '先', '光', '克',
    '兒', '党', '入', '內', '全', '兩', '八', '公', '六', '共', '关', '兴', '兵', '其', '具', '内',
    '再', '写', '军', '农', '决', '况', '准', '几', '出', '击', '分', '切', '划', '列', '则', '別',
    '利', '别', '到', '制', '則', '前', '劃', '力', '办', '功', '加', '务', '动', '助', '势', '動',
    '務', '勢', '包', '化', '北', '区', '医', '區', '十', '千', '半', '华', '单', '南', '即', '却',
    '卻', '历', '原', '去', '县', '参', '參', '又', '及', '友', '双', '反', '发', '取', '受', '变',
    '口', '古', '另', '只', '叫', '可', '台', '史', '号', '司', '吃', '各', '合', '同', '名', '后',
    '向', '吗', '吧', '吨', '听', '告', '员', '呢', '周', '命', '和', '品', '响', '員', '售', '商',
    '問', '單', '嗎', '器', '噸', '嚴', '四', '回', '因', '团', '围', '固', '国', '图', '國', '圍',
    '圖', '團', '土', '在', '地', '场', '均', '坐', '型', '城', '基', '報', '場', '境', '增', '士',
    '声', '处', '备', '复', '外', '多', '够', '夠', '大', '天', '太', '夫', '失', '头', '奇', '女',
    '她', '好', '如', '始', '委', '子', '字', '存', '季', '学', '孩', '學', '它', '安', '完', '官',
    '定', '实', '客', '害', '家', '容', '密', '察', '實', '寫', '对', '导', '将', '將', '專', '對',
    '導', '小', '少', '尔', '就', '尽', '局', '居', '展', '属', '屬', '山', '工', '己', '已', '巴',
    '币', '市', '布', '师', '希', '帐', '带', '師', '帳', '帶', '常', '幅', '幣', '干', '平', '年',
    '并', '幹', '幾', '广', '应', '底', '府', '度', '廣', '建', '开', '式', '引', '张', '張', '強',
    '强', '当', '形', '影', '往', '很', '律', '後', '得', '從', '復', '德', '心', '必', '志', '快',
    '念', '态', '怎', '思', '性', '总', '息', '情', '想', '意', '愛', '感', '愿', '態', '應', '成',
    '我', '或', '战', '戰', '戶', '户', '房', '所', '手', '才', '打', '批', '找', '技', '把', '投',
    '护', '报', '拉', '持', '指', '按', '据', '採', '接', '推', '提', '擊', '據', '支', '收', '改',
    '攻', '放', '政', '故', '效', '敌', '教', '数', '整', '敵', '數', '文', '斗', '料', '断', '斯',
    '新', '斷', '方', '施', '族', '无', '日', '早', '时', '明', '易', '星', '是', '显', '時', '曆',
    '更', '書', '曾', '最', '會', '月', '有', '服', '望', '朝', '期', '未', '本', '朮', '术', '机',
    '杀', '权', '李', '村', '条', '来', '東', '板', '极', '构', '林', '果', '某', '查', '标', '样',
    '根', '格', '案', '條', '業', '極', '構', '標', '模', '樣', '機', '權', '次', '止', '正', '此',
    '步', '武', '歷', '死', '段', '殺', '母', '每', '比', '民', '气', '氣', '水', '求', '江', '決',
    '沒', '没', '河', '治', '況', '法', '注', '活', '派', '流', '济', '海', '消', '润', '深', '清',
    '準', '满', '滿', '潤', '濟', '火', '点', '為', '热', '無', '然', '照', '熱', '營', '爭', '爱',
    '父', '爾', '片', '物', '特', '率', '王', '现', '現', '理', '生', '產', '用', '由', '电', '男',
    '界', '留', '畝', '當', '病', '發', '白', '百', '的', '盡', '目', '直', '相', '省', '看', '真',
    '眼', '眾', '着', '知', '石', '研', '破', '确', '確', '示', '社', '神', '离', '种', '科', '称',
    '稅', '程', '税', '種', '稱', '究', '空', '突', '立', '站', '章', '笑', '第', '等', '答', '算',
    '管', '節', '米', '类', '精', '系', '紀', '約', '紅', '級', '紧', '累', '細', '終', '組', '結',
    '絕', '給', '統', '經', '維', '網', '緊', '線', '縣', '總', '織', '續', '红', '约', '级', '纪',
    '线', '组', '细', '织', '终', '经', '结', '给', '绝', '统', '续', '维', '网', '罗', '羅', '美',
    '群', '義', '老', '考', '者', '而', '职', '联', '聯', '聲', '職', '聽', '育', '能', '自', '至',
    '致', '臺', '與', '興', '舉', '般', '色', '节', '花', '苏', '英', '華', '营', '萬', '落', '蘇',
    '處', '號', '虽', '行', '術', '表', '被', '装', '裝', '裡', '製', '複', '西', '要', '見', '規',
    '視', '親', '覺', '觀', '见', '观', '规', '视', '觉', '解', '言', '計', '記', '設', '許', '訴',
    '註', '証', '話', '該', '誌', '認', '語', '說', '調', '談', '請', '論', '講', '證', '識', '議',
    '護', '變', '讓', '计', '认', '让', '议', '记', '讲', '许', '论', '设', '证', '识', '诉', '话',
    '该', '语', '说', '请', '调', '谈', '象', '財', '貨', '責', '費', '貿', '資', '質', '财', '责',
    '货', '质', '贸', '费', '资', '走', '起', '越', '足', '跟', '路', '身', '車', '軍', '較', '輕',
    '轉', '车', '转', '轻', '较', '辦', '農', '边', '达', '过', '运', '近', '还', '这', '进', '远',
    '连', '选', '這', '通', '造', '連', '週', '進', '運', '過', '道', '達', '遠', '選', '還', '邊',
    '那', '部', '都', '鄉', '配', '醫', '采', '里', '重', '量', '金', '銀', '錢', '鎮', '钱', '银',
    '镇', '長', '长', '門', '開', '間', '闆', '關', '门', '问', '间', '队', '防', '阿', '际', '陈',
    '降', '限', '院', '除', '陳', '隊', '随', '際', '隨', '难', '集', '雖', '雙', '離', '難', '零',
    '電', '需', '青', '非', '面', '革', '音', '響', '項', '須', '預', '領', '頭', '題', '額', '願',
    '類', '顯', '项', '须', '预', '领', '题', '额', '風', '风', '飛', '飞', '飯', '饭', '首', '馬',
    '驗', '马', '验', '體', '高', '鬥', '黃', '黄', '黑', '點', '黨',
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted() {
        assert!(FREQUENT.windows(2).all(|w| w[0] < w[1]));
        assert!(PINYIN.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn level_1_sets() {
        let common = &*COMMON_HAN;
        let count = |set: &[u64; HAN_WORDS]| set.iter().map(|w| w.count_ones()).sum::<u32>();
        assert_eq!(count(&common.gb2312), 3755);
        assert_eq!(count(&common.big5), 5401);
        assert_eq!(count(&common.frequent), 891);
        assert!(FREQUENT.iter().all(|&c| common.is_frequent(c)));
        assert!(!common.is_frequent('蒃'));
        assert!(common.in_gb2312_level1('亿'));
        assert!(!common.in_gb2312_level1('億'));
        assert!(common.in_big5_level1('億'));
        assert!(!common.in_big5_level1('亿'));
        assert!(!common.in_big5_level1('a'));
        assert!(!common.in_gb2312_level1('\u{20000}'));
    }

    #[test]
    fn clear_margins() {
        // One point per 4 non-ASCII bytes, either way round.
        assert!(is_clear(100, 75, 100));
        assert!(is_clear(75, 100, 100));
        assert!(!is_clear(100, 76, 100));
        assert!(!is_clear(5, 5, 0));
        assert!(is_clear(i64::MIN, i64::MAX, usize::MAX));
    }

    /// Rule 4 with made-up scores: chardetng (which reads these GB18030
    /// bytes of traditional text as Big5) only decides a close call.
    #[test]
    fn chardetng_decides_only_close_calls() {
        let text = "同比增長十一倍，糧食播種面積約０．１萬標準箱，較上年回落超過１０００倍。";
        let (bytes, _, _) = GB18030.encode(text);
        let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
        assert_eq!(non_ascii, 64);
        assert_eq!(chardet(&bytes), Some(Encoding::Big5));
        let gb18030 = strict_score(Encoding::Gb18030, &bytes).expect("clean GB18030");
        let big5 = strict_score(Encoding::Big5, &bytes).expect("clean Big5");
        assert!(is_clear(gb18030, big5, non_ascii), "{gb18030} vs {big5}");
        assert_eq!(choose_gb18030_or_big5(&bytes, gb18030, big5), Encoding::Gb18030);
        assert_eq!(choose_gb18030_or_big5(&bytes, 100, 85), Encoding::Big5);
        assert_eq!(choose_gb18030_or_big5(&bytes, 100, 84), Encoding::Gb18030);
        assert_eq!(choose_gb18030_or_big5(&bytes, 100, 100), Encoding::Big5);
        // Too short for chardetng: the score decides, however close.
        let short = &bytes[..bytes.len() / 2];
        assert_eq!(choose_gb18030_or_big5(short, 100, 99), Encoding::Gb18030);
    }
}
