#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)
)]

pub mod decode;
pub mod document;
pub mod fact;
pub mod format;
pub mod indicator;
pub mod industry;
mod lexicon;
pub mod normalize;
pub mod numeral;
pub mod period;
pub mod policy;

pub use rust_decimal::Decimal;
pub mod quantity;
pub mod region;
pub mod scan;
#[cfg(feature = "proptest")]
pub mod strategy;
pub mod unit;

pub use quantity::{ParseError, Qualifier, Quantity};
pub use unit::Unit;
