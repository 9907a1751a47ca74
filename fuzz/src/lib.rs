//! The checks the fuzz targets run, shared with the crate's `tests/fuzz_regressions.rs`, which
//! replays every saved crash through the same functions.

#[path = "../../tests/fuzz_regressions/oracle.rs"]
pub mod oracle;
