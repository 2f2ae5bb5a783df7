//! The format's decoder on arbitrary bytes: it refuses or accepts, never
//! panics; what it accepts encodes back to a file it accepts again.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let catalogue = fdr_core::catalogue::Catalogue::builtin();
    if let Ok(decoded) = fdr_format::decode(data, catalogue) {
        let again = fdr_format::encode(&decoded.roadmap, &decoded.exported_at);
        let re = fdr_format::decode(&again, catalogue).expect("an accepted roadmap re-encodes to an accepted file");
        assert_eq!(re.roadmap, decoded.roadmap, "encode then decode gives the same roadmap");
    }
});
