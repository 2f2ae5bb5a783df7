//! The whole import into a store: a refused file changes nothing; an
//! accepted one can be exported again.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let clock = fdr_store::fixed_clock("2026-11-30T10:00:00Z");
    let mut store = fdr_store::Store::open_in_memory(clock).expect("an in-memory store opens");
    let before = store.list().expect("lists");
    match store.import_all(data, Some("fuzz")) {
        Ok(reports) => {
            for r in reports {
                store
                    .export_json(&r.id, "2026-11-30T10:00:01Z")
                    .expect("an imported roadmap exports");
            }
        }
        Err(_) => assert_eq!(store.list().expect("lists"), before, "a refused file writes nothing"),
    }
});
