//! Units as types, so that `Usd + Tokens` does not compile.
//!
//! Every quantity is an `f64` inside a newtype. `f64` is deliberate: the calculator estimates
//! (averages × volumes × list prices) and never settles a ledger, and 53 bits of mantissa keep
//! cent precision up to about $90 trillion. Values are rounded exactly once, when they are
//! displayed (see [`crate::core::format`]).
//!
//! Constructors accept finite values only ([`Usd::new`] and friends return `None` for NaN or
//! infinity). The arithmetic here cannot make a NaN out of finite inputs (no division, no
//! `0 × ∞`); it could overflow to infinity only past the limits that
//! [`crate::scenario::Field::spec`] puts on every input, and [`crate::core::evaluate`] checks its
//! results for finiteness anyway.

use serde::{Deserialize, Serialize};
use std::ops::{Add, Mul};

/// Tokens in one million: prices are quoted per million tokens.
pub const TOKENS_PER_MILLION: f64 = 1_000_000.0;

/// Months in a year, for yearly totals.
pub const MONTHS_PER_YEAR: f64 = 12.0;

macro_rules! finite_newtype {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default, Serialize, Deserialize)]
        pub struct $name(f64);

        impl $name {
            /// Zero of this unit.
            pub const ZERO: Self = Self(0.0);

            /// Wraps a finite value; `None` for NaN or ±infinity.
            pub fn new(value: f64) -> Option<Self> {
                value.is_finite().then_some(Self(value))
            }

            /// The raw number, in this type's unit.
            pub fn value(self) -> f64 {
                self.0
            }

            /// True when the value is finite (always, unless arithmetic overflowed).
            pub fn is_finite(self) -> bool {
                self.0.is_finite()
            }
        }

        impl Add for $name {
            type Output = Self;
            fn add(self, rhs: Self) -> Self {
                Self(self.0 + rhs.0)
            }
        }

        impl Mul<f64> for $name {
            type Output = Self;
            /// Scales by a plain number (a count of months, a share of traffic).
            fn mul(self, rhs: f64) -> Self {
                Self(self.0 * rhs)
            }
        }

        impl std::iter::Sum for $name {
            fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
                iter.fold(Self::ZERO, Add::add)
            }
        }
    };
}

finite_newtype!(
    /// An amount of money in US dollars.
    Usd
);
finite_newtype!(
    /// A number of tokens (may be fractional: averages over many requests).
    Tokens
);
finite_newtype!(
    /// A price in US dollars per million tokens, the unit every provider quotes.
    UsdPerMTok
);
finite_newtype!(
    /// A number of requests (may be fractional: averages).
    Requests
);

impl Mul<UsdPerMTok> for Tokens {
    type Output = Usd;
    /// `cost = tokens × price ÷ 1,000,000`.
    fn mul(self, price: UsdPerMTok) -> Usd {
        Usd(self.0 * price.0 / TOKENS_PER_MILLION)
    }
}

impl Usd {
    /// `self ÷ count`, or `None` when `count` is zero (a cost per request of zero requests is
    /// undefined, not zero).
    pub fn per(self, count: Requests) -> Option<Usd> {
        (count.0 > 0.0).then(|| Usd(self.0 / count.0))
    }

    /// The share `self ÷ total` in `[0, 1]`, or `None` when `total` is zero.
    pub fn share_of(self, total: Usd) -> Option<f64> {
        (total.0 > 0.0).then(|| (self.0 / total.0).clamp(0.0, 1.0))
    }
}

#[cfg(test)]
// Exact equality is the point where the expected values are exactly representable.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    #[test]
    fn constructors_reject_non_finite() {
        assert!(Usd::new(f64::NAN).is_none());
        assert!(Tokens::new(f64::INFINITY).is_none());
        assert!(UsdPerMTok::new(f64::NEG_INFINITY).is_none());
        assert_eq!(Requests::new(2.5).map(Requests::value), Some(2.5));
    }

    #[test]
    fn one_million_tokens_at_three_dollars_costs_three_dollars() {
        let cost = Tokens(1_000_000.0) * UsdPerMTok(3.0);
        assert!((cost.value() - 3.0).abs() < 1e-12);
    }

    #[test]
    fn per_request_and_share_are_undefined_for_zero() {
        assert_eq!(Usd(5.0).per(Requests(0.0)), None);
        assert_eq!(Usd(5.0).per(Requests(2.0)), Some(Usd(2.5)));
        assert_eq!(Usd(1.0).share_of(Usd(0.0)), None);
        assert_eq!(Usd(1.0).share_of(Usd(4.0)), Some(0.25));
    }

    #[test]
    fn sums_add_up() {
        let total: Usd = [Usd(1.5), Usd(2.25), Usd(0.25)].into_iter().sum();
        assert!((total.value() - 4.0).abs() < 1e-12);
    }
}
