//! The review exchange's readers and the store's rules for them: any bytes
//! given as an avis or a set of answers are read or refused without a
//! panic; received by a store holding the example roadmap (revision 3),
//! a refused file changes nothing, an accepted avis reads back exactly.
#![no_main]
use libfuzzer_sys::fuzz_target;

const EXAMPLE: &[u8] = include_bytes!("../../docs/format/example-theme-09.json");

fuzz_target!(|data: &[u8]| {
    let catalogue = fdr_core::catalogue::Catalogue::builtin();
    if let Ok(a) = fdr_format::review::decode_avis(data, catalogue) {
        let again = fdr_format::review::encode_avis(&a);
        assert_eq!(
            fdr_format::review::decode_avis(&again, catalogue).ok(),
            Some(a),
            "an avis read is written back as itself"
        );
    }
    if let Ok(r) = fdr_format::review::decode_reponses(data) {
        let again = fdr_format::review::encode_reponses(&r);
        assert_eq!(fdr_format::review::decode_reponses(&again).ok(), Some(r));
    }
    let clock = fdr_store::fixed_clock("2026-11-30T10:00:00Z");
    let mut store = fdr_store::Store::open_in_memory(clock).expect("an in-memory store opens");
    store.import(EXAMPLE, None).expect("the example imports");
    let id = "5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c409";
    let before = (store.avis_of(id).expect("avis"), store.answers(id).expect("answers"));
    match store.receive(data, Some("fuzz"), None) {
        Ok(received) => {
            if let Some(a) = received.avis {
                let held = store.avis(&a.id).expect("the avis is held");
                assert_eq!(held.bytes.as_deref(), Some(data), "kept byte for byte");
            }
        }
        Err(_) => assert_eq!(
            (store.avis_of(id).expect("avis"), store.answers(id).expect("answers")),
            before,
            "a refused file writes nothing"
        ),
    }
});
