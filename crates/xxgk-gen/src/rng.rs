//! A small deterministic generator (SplitMix64): the same seed gives the same corpus.

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// Fewer than `max_len` pieces drawn at random, joined: test input.
    pub fn string_of<T: std::fmt::Display>(&mut self, pieces: &[T], max_len: u64) -> String {
        let n = self.below(max_len);
        (0..n).map(|_| self.pick(pieces).to_string()).collect()
    }

    /// A count with a long tail: most small, a few large.
    pub fn count(&mut self, scale: u64) -> u64 {
        let r = self.below(1000);
        match r {
            0..=399 => 0,
            400..=799 => self.below(scale.max(1)),
            800..=969 => self.below(scale * 5 + 1),
            _ => self.below(scale * 40 + 1),
        }
    }
}
