//! Helpers shared by the integration tests: a CSV splitter for `shared/data`, a seeded
//! random generator for property tests, and the hand-checked flat commitment scenario. Each
//! test crate uses some of them.
#![allow(dead_code)]

use inference_cost::scenario::commitment::{DailyShape, DemandSource};
use inference_cost::scenario::Scenario;

/// The hand-checked commitment case: 10 GPUs every hour, $2 on demand, 30 % off for 1 year
/// and 50 % for 3 years (on demand $14,600.00 a month, the 3-year plan $7,300.00).
pub fn flat_commitment() -> Scenario {
    let mut s = Scenario::default();
    let c = &mut s.commitment;
    c.source = DemandSource::Generated;
    c.mean_gpus = 10.0;
    c.shape = DailyShape::Flat;
    c.weekend_pct = 100.0;
    c.on_demand = Some(2.0);
    c.one_year.discount_pct = 30.0;
    c.three_year.discount_pct = 50.0;
    s
}

/// Splits one CSV line, honouring double quotes (the notes contain commas).
pub fn fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                if let Some(f) = out.last_mut() {
                    f.push('"');
                }
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(String::new()),
            (c, _) => {
                if let Some(f) = out.last_mut() {
                    f.push(c);
                }
            }
        }
    }
    out
}

/// xorshift64*: a tiny deterministic generator, so the property runs are reproducible.
pub struct Rng(pub u64);

impl Rng {
    /// The next value in [0, 1).
    pub fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }

    /// One of `items`, uniformly.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[((self.next() * items.len() as f64) as usize).min(items.len() - 1)]
    }
}
