//! The seeded source behind Sprig's random functions. The core reads no
//! clock and no entropy: the shell supplies the seed, so a test can fix it.

/// SplitMix64: small, fast, and good enough for values that only need to
/// differ between runs (Helm draws them from `crypto/rand`).
#[derive(Clone, Debug)]
pub struct Random {
    state: u64,
}

impl Random {
    /// A source from a seed.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut mixed = self.state;
        mixed = (mixed ^ (mixed >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        mixed = (mixed ^ (mixed >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        mixed ^ (mixed >> 31)
    }

    /// `count` random bytes.
    pub fn bytes(&mut self, count: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(count);
        while out.len() < count {
            let word = self.next_u64().to_le_bytes();
            let take = (count - out.len()).min(word.len());
            out.extend_from_slice(&word[..take]);
        }
        out
    }

    /// A number in `0..bound` (`bound > 0`).
    pub fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound.max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::Random;

    #[test]
    fn same_seed_same_bytes() {
        assert_eq!(Random::new(7).bytes(40), Random::new(7).bytes(40));
        assert_ne!(Random::new(7).bytes(40), Random::new(8).bytes(40));
    }
}
