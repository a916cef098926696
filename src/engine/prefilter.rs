//! The word-start prefilter: one pass over the text that lists where a term of any running word
//! rule (`typo`, `variant-form`, `context-word` …) can begin.
//!
//! Each word rule publishes the first and second characters of its terms
//! ([`crate::rules::Rule::word_start_chars`]); the configuration merges those of the rules that
//! run ([`crate::config::Settings::word_prefilter`]), and the document's
//! [`crate::engine::context::LintContext`] scans it once with the merged set, on first use. Each
//! rule then looks only at those positions — however many word rules and terms there are, the
//! text is walked once.

use std::sync::OnceLock;

/// A set of BMP characters, one bit each, plus a flag for anything outside the BMP.
#[derive(Debug, Clone)]
pub struct CharSet {
    /// A fixed-size table: a BMP code point's word index (`cp >> 6 < 1024`) needs no bounds
    /// check.
    bits: Box<[u64; 0x10000 / 64]>,
    astral: bool,
}

impl Default for CharSet {
    fn default() -> Self {
        CharSet {
            bits: Box::new([0; 0x10000 / 64]),
            astral: false,
        }
    }
}

impl CharSet {
    /// Adds `c`.
    pub fn insert(&mut self, c: char) {
        let cp = c as usize;
        if cp < 0x10000 {
            self.bits[cp / 64] |= 1 << (cp % 64);
        } else {
            self.astral = true;
        }
    }

    /// Whether code point `cp` (0x10000 for any astral character) is in the set.
    #[inline(always)]
    pub fn contains_cp(&self, cp: usize) -> bool {
        if cp < 0x10000 {
            self.contains_bmp(cp as u16)
        } else {
            self.astral
        }
    }

    /// Whether BMP code point `cp` is in the set: one load, no bounds check.
    #[inline(always)]
    fn contains_bmp(&self, cp: u16) -> bool {
        self.bits[usize::from(cp >> 6)] & (1 << (cp & 63)) != 0
    }

    /// Adds every member of `other`.
    pub fn union_with(&mut self, other: &CharSet) {
        for (a, b) in self.bits.iter_mut().zip(other.bits.iter()) {
            *a |= b;
        }
        self.astral |= other.astral;
    }
}

/// A set of character pairs (a term's first two characters), as a one-hash Bloom filter: a
/// pair that was added is always found; one that was not is found with a probability of about
/// (pairs added) / 2^18 — well under 1% for the shipped rules together.
///
/// Keeping pairs rather than the first and the second characters apart matters once the rules
/// are merged: `年` + digit (dates) and digit + `亿` (amounts) would otherwise make every digit
/// after a digit, and every `年` before any rule's second character, a candidate.
#[derive(Debug, Clone)]
pub struct PairSet {
    /// Fixed size, so that a slot (`< 2^PAIR_BITS`) indexes it without a bounds check.
    bits: Box<[u64; (1 << PAIR_BITS) / 64]>,
}

const PAIR_BITS: u32 = 18;

impl Default for PairSet {
    fn default() -> Self {
        PairSet {
            bits: Box::new([0; (1 << PAIR_BITS) / 64]),
        }
    }
}

impl PairSet {
    #[inline(always)]
    fn slot(a: usize, b: usize) -> usize {
        let h = (a as u32).wrapping_mul(0x9E37_79B1).rotate_left(13)
            ^ (b as u32).wrapping_mul(0x85EB_CA6B);
        (h.wrapping_mul(0xC2B2_AE35) >> (32 - PAIR_BITS)) as usize
    }

    /// Adds the pair of code points `(a, b)`.
    pub fn insert(&mut self, a: usize, b: usize) {
        let k = Self::slot(a, b);
        self.bits[k / 64] |= 1 << (k % 64);
    }

    /// Whether `(a, b)` may have been added.
    #[inline(always)]
    pub fn contains(&self, a: usize, b: usize) -> bool {
        let k = Self::slot(a, b);
        self.bits[k / 64] & (1 << (k % 64)) != 0
    }

    /// Adds every pair of `other`.
    pub fn union_with(&mut self, other: &PairSet) {
        for (a, b) in self.bits.iter_mut().zip(other.bits.iter()) {
            *a |= b;
        }
    }
}

/// First characters and first-two-character pairs of a rule's terms. A term of one character
/// has no second character: it goes into `single`, and every occurrence of it is a candidate.
#[derive(Debug, Clone)]
pub struct LexicalChars {
    /// First characters.
    pub first: CharSet,
    /// First and second characters together.
    pub pairs: PairSet,
    /// Terms of a single character.
    pub single: CharSet,
    /// Second characters. `first` at a character and `second` at the next one rarely both hold;
    /// only then is the pair looked up.
    pub second: CharSet,
    /// `first`, `single` and `second` again for the ideographs U+4000–U+9FFF, one byte per
    /// character ([`CJK_FIRST`], [`CJK_SINGLE`], [`CJK_SECOND`]): in a run of ideographs one load
    /// per character answers all three. Indexed by `cp - 0x4000`; the table is a power of two
    /// long, so a masked index needs no bounds check. Derived from the three sets on the first
    /// scan, so that the per-rule sets, which are only merged, never build it.
    cjk: OnceLock<Box<[u8; 0x8000]>>,
}

/// [`LexicalChars::first`], in the per-ideograph table.
const CJK_FIRST: u8 = 1;
/// [`LexicalChars::single`], in the per-ideograph table.
const CJK_SINGLE: u8 = 2;
/// [`LexicalChars::second`], in the per-ideograph table.
const CJK_SECOND: u8 = 4;

impl Default for LexicalChars {
    fn default() -> Self {
        LexicalChars {
            first: CharSet::default(),
            pairs: PairSet::default(),
            single: CharSet::default(),
            second: CharSet::default(),
            cjk: OnceLock::new(),
        }
    }
}

impl LexicalChars {
    /// Records a term.
    pub fn add_term(&mut self, term: &str) {
        let mut chars = term.chars();
        if let Some(a) = chars.next() {
            self.cjk = OnceLock::new();
            self.first.insert(a);
            match chars.next() {
                // Astral characters are one code point to the scan (`decode`).
                Some(b) => {
                    self.second.insert(b);
                    self.pairs
                        .insert((a as usize).min(0x10000), (b as usize).min(0x10000))
                }
                None => self.single.insert(a),
            }
        }
    }

    /// The per-ideograph flag table, built on first use.
    fn cjk_table(&self) -> &[u8; 0x8000] {
        self.cjk.get_or_init(|| {
            let mut table = Box::new([0u8; 0x8000]);
            for (k, flags) in table.iter_mut().take(0x6000).enumerate() {
                let cp = 0x4000 + k;
                *flags = (u8::from(self.first.contains_cp(cp)) * CJK_FIRST)
                    | (u8::from(self.single.contains_cp(cp)) * CJK_SINGLE)
                    | (u8::from(self.second.contains_cp(cp)) * CJK_SECOND);
            }
            table
        })
    }

    /// Whether a term may begin at byte `i` of `bytes` (valid UTF-8, `i` on a boundary).
    #[inline(always)]
    pub fn starts_at(&self, bytes: &[u8], i: usize) -> bool {
        let (cp, len) = decode(bytes, i);
        self.first.contains_cp(cp) && self.continues(bytes, cp, i + len)
    }

    /// Whether a term starting with code point `cp` can go on at byte `j`: `cp` is a whole term
    /// by itself, or `cp` and the character at `j` begin some term.
    #[inline(always)]
    pub fn continues(&self, bytes: &[u8], cp: usize, j: usize) -> bool {
        self.single.contains_cp(cp)
            || (j < bytes.len() && {
                let next = decode(bytes, j).0;
                self.second.contains_cp(next) && self.pairs.contains(cp, next)
            })
    }

    /// For the run of CJK ideographs that starts at byte `start` of the valid UTF-8 `bytes`
    /// (characters of three bytes led by `E4`–`E9`, U+4000–U+9FFF; `bytes[start]` leads one):
    /// pushes onto `out` the offsets where a term may begin — the same as
    /// [`LexicalChars::starts_at`] at each character — and returns where the run ends. One walk,
    /// one rarely taken branch per character: this is where a Chinese text spends its scan.
    #[inline]
    pub fn starts_in_cjk_run(&self, bytes: &[u8], start: usize, out: &mut Vec<usize>) -> usize {
        let cjk = |c: &[u8]| -> u16 {
            (u16::from(c[0] & 0x0F) << 12) | (u16::from(c[1] & 0x3F) << 6) | u16::from(c[2] & 0x3F)
        };
        let table = self.cjk_table();
        let flags_of = |cp: u16| table[usize::from(cp.wrapping_sub(0x4000)) & 0x7FFF];
        let mut pos = start;
        let mut cp = cjk(&bytes[pos..pos + 3]);
        let mut flags = flags_of(cp);
        loop {
            let next = pos + 3;
            if next >= bytes.len() || !is_cjk_lead(bytes[next]) {
                // The run's last character: its successor, if any, is read in full.
                if flags & CJK_FIRST != 0 && self.continues(bytes, cp.into(), next) {
                    out.push(pos);
                }
                return next;
            }
            let next_cp = cjk(&bytes[next..next + 3]);
            let next_flags = flags_of(next_cp);
            // One load per character; the one branch is taken a few times in a hundred
            // characters of a report (a first character that is a whole term, or followed by a
            // second one), so it is predicted well. Only then is the pair filter read.
            let maybe = flags & CJK_FIRST & ((flags >> 1) | (next_flags >> 2));
            if maybe != 0
                && (flags & CJK_SINGLE != 0 || self.pairs.contains(cp.into(), next_cp.into()))
            {
                out.push(pos);
            }
            cp = next_cp;
            flags = next_flags;
            pos = next;
        }
    }

    /// Merges another rule's characters.
    pub fn union_with(&mut self, other: &LexicalChars) {
        self.first.union_with(&other.first);
        self.pairs.union_with(&other.pairs);
        self.single.union_with(&other.single);
        self.second.union_with(&other.second);
        self.cjk = OnceLock::new();
    }
}

/// The code point at byte `i` (0x10000 for any astral character) and its length in bytes.
/// `bytes` must be valid UTF-8 and `i` a character boundary.
#[inline(always)]
pub fn decode(bytes: &[u8], i: usize) -> (usize, usize) {
    let b = bytes[i];
    if b < 0x80 {
        (b as usize, 1)
    } else if b < 0xE0 {
        (
            ((b as usize & 0x1F) << 6) | (bytes[i + 1] as usize & 0x3F),
            2,
        )
    } else if b < 0xF0 {
        (
            ((b as usize & 0x0F) << 12)
                | ((bytes[i + 1] as usize & 0x3F) << 6)
                | (bytes[i + 2] as usize & 0x3F),
            3,
        )
    } else {
        (0x10000, 4)
    }
}

/// Byte offsets where a term of `chars` may begin, in order.
pub fn scan(text: &str, chars: &LexicalChars) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0usize;
    while i < bytes.len() {
        if is_cjk_lead(bytes[i]) {
            i = chars.starts_in_cjk_run(bytes, i, &mut out);
            continue;
        }
        let (cp, len) = decode(bytes, i);
        if chars.first.contains_cp(cp) && chars.starts_at(bytes, i) {
            out.push(i);
        }
        i += len;
    }
    out
}

/// Whether `b` leads a three-byte CJK ideograph of U+4000–U+9FFF (`E4`–`E9`).
#[inline(always)]
pub fn is_cjk_lead(b: u8) -> bool {
    (0xE4..=0xE9).contains(&b)
}

/// The end of the run of CJK ideographs (see [`is_cjk_lead`]) that starts at byte `i` of the valid
/// UTF-8 `bytes`: the first character boundary after `i` that does not lead one.
#[inline]
pub fn cjk_run_end(bytes: &[u8], i: usize) -> usize {
    let mut j = i;
    while j < bytes.len() && is_cjk_lead(bytes[j]) {
        j += 3;
    }
    j
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_need_first_and_second() {
        let mut chars = LexicalChars::default();
        chars.add_term("拼博");
        chars.add_term("做出");
        let text = "拼搏拼博，做出，做法";
        let found: Vec<&str> = scan(text, &chars)
            .into_iter()
            .map(|i| &text[i..i + 6])
            .collect();
        assert_eq!(found, vec!["拼博", "做出"]);
    }

    #[test]
    fn pairs_do_not_cross() {
        // With first and second characters kept apart, 年 + 博 would be a candidate here.
        let mut chars = LexicalChars::default();
        chars.add_term("拼博");
        chars.add_term("年0");
        let text = "年博，拼0，年0";
        let found: Vec<usize> = scan(text, &chars);
        assert_eq!(found, vec![text.rfind('年').unwrap()]);
    }
}
