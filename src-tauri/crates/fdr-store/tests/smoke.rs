use fdr_store::{fixed_clock, Store};
#[test]
fn example_round_trips() {
    let bytes = include_bytes!("../../../../docs/format/example-theme-09.json");
    let mut s = Store::open_in_memory(fixed_clock("2026-01-01T00:00:00Z")).unwrap();
    let rep = s.import(bytes, Some("ex.json")).unwrap();
    println!("{rep:?}");
    let out = s.export_json(&rep.id, "2030-01-01T00:00:00Z").unwrap();
    assert!(!out.new_revision);
    let a: serde_json::Value = serde_json::from_slice(bytes).unwrap();
    let b: serde_json::Value = serde_json::from_slice(&out.bytes).unwrap();
    assert_eq!(a, b);
}
