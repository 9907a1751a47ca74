#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| zh_econ_fuzz::oracle::round_trip(data));
