//! The word-start prefilter: one pass over the text that lists where a term of any running word
//! rule (`typo`, `variant-form`, `context-word` …) can begin.
//!
//! Each word rule publishes the first and second characters of its terms
//! ([`crate::rules::Rule::word_start_chars`]); the configuration merges those of the rules that
//! run ([`crate::config::Settings::word_prefilter`]), and the document's
//! [`crate::engine::context::LintContext`] scans it once with the merged set, on first use. Each
//! rule then looks only at those positions — however many word rules and terms there are, the
//! text is walked once.

/// A set of BMP characters, one bit each, plus a flag for anything outside the BMP.
#[derive(Debug, Clone)]
pub struct CharSet {
    bits: Vec<u64>,
    astral: bool,
}

impl Default for CharSet {
    fn default() -> Self {
        CharSet {
            bits: vec![0; 0x10000 / 64],
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
            self.bits[cp / 64] & (1 << (cp % 64)) != 0
        } else {
            self.astral
        }
    }

    /// Adds every member of `other`.
    pub fn union_with(&mut self, other: &CharSet) {
        for (a, b) in self.bits.iter_mut().zip(&other.bits) {
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
    bits: Vec<u64>,
}

const PAIR_BITS: u32 = 18;

impl Default for PairSet {
    fn default() -> Self {
        PairSet {
            bits: vec![0; (1 << PAIR_BITS) / 64],
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
        for (a, b) in self.bits.iter_mut().zip(&other.bits) {
            *a |= b;
        }
    }
}

/// First characters and first-two-character pairs of a rule's terms. A term of one character
/// has no second character: it goes into `single`, and every occurrence of it is a candidate.
#[derive(Debug, Clone, Default)]
pub struct LexicalChars {
    /// First characters.
    pub first: CharSet,
    /// First and second characters together.
    pub pairs: PairSet,
    /// Terms of a single character.
    pub single: CharSet,
}

impl LexicalChars {
    /// Records a term.
    pub fn add_term(&mut self, term: &str) {
        let mut chars = term.chars();
        if let Some(a) = chars.next() {
            self.first.insert(a);
            match chars.next() {
                // Astral characters are one code point to the scan (`decode`).
                Some(b) => self
                    .pairs
                    .insert((a as usize).min(0x10000), (b as usize).min(0x10000)),
                None => self.single.insert(a),
            }
        }
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
            || (j < bytes.len() && self.pairs.contains(cp, decode(bytes, j).0))
    }

    /// Merges another rule's characters.
    pub fn union_with(&mut self, other: &LexicalChars) {
        self.first.union_with(&other.first);
        self.pairs.union_with(&other.pairs);
        self.single.union_with(&other.single);
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
        let (cp, len) = decode(bytes, i);
        if chars.first.contains_cp(cp) && chars.starts_at(bytes, i) {
            out.push(i);
        }
        i += len;
    }
    out
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
