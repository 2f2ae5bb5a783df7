//! The store's default location and the one-time move from where earlier
//! versions kept it (the roaming data folder, another folder name): the
//! moved store holds everything the old one did, including an edit still
//! in its WAL, a verified backup is taken first, earlier backups come
//! along, the old file is kept renamed, and a store that cannot be moved is
//! used where it is, untouched.

use fdr_store::location::{resolve, APP_IDENTIFIER, STORE_FILE};
use fdr_store::{backup, fixed_clock, Store};
use std::path::{Path, PathBuf};

const EXAMPLE: &[u8] = include_bytes!("../../../../docs/format/example-theme-09.json");
const EXAMPLE_ID: &str = "5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c409";
const NOW: &str = "2026-03-02T08:30:00Z";

/// A user's folders, as `dirs` gives them: (local data, roaming data).
fn folders(root: &Path) -> (PathBuf, PathBuf) {
    let local = root.join("AppData").join("Local");
    let roaming = root.join("AppData").join("Roaming");
    (local, roaming)
}

fn old_store(roaming: &Path) -> PathBuf {
    roaming.join("fr.feuillesderoute.app").join(STORE_FILE)
}

fn new_store(local: &Path) -> PathBuf {
    local.join(APP_IDENTIFIER).join(STORE_FILE)
}

/// A store at the old location with the example roadmap, one edit on top,
/// and a backup of its own.
fn make_old_store(path: &Path) -> Store {
    let mut store = Store::open(path, fixed_clock("2026-03-01T10:00:00Z")).expect("the old store opens");
    store
        .import(EXAMPLE, Some("exemple.json"))
        .expect("the example imports");
    // Imported, it is received: taken over so that it can be edited.
    store.adopt(EXAMPLE_ID).expect("the example is taken over");
    store
        .backup(&backup::backups_dir(path), "quotidienne")
        .expect("a backup of the old store");
    store
        .set_diagnosis_text(EXAMPLE_ID, "Texte modifié après la sauvegarde, « é » et 🙂")
        .expect("an edit after the backup");
    store
}

#[test]
fn an_old_store_moves_with_a_verified_backup_and_nothing_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let (local, roaming) = folders(&tmp.path().join("Éloïse Dûchêne"));
    let old = old_store(&roaming);
    // Kept open while it moves: the last edit may still be in the WAL only.
    let mut before = make_old_store(&old);
    let expected = before.roadmap(EXAMPLE_ID).unwrap();

    let resolved = resolve(&new_store(&local), std::slice::from_ref(&old), NOW);
    assert_eq!(resolved.path, new_store(&local), "the new location is used once moved");
    let note = resolved.note.expect("the user is told the store moved");
    assert!(note.contains("déplacée") && note.contains(APP_IDENTIFIER), "{note}");
    drop(before);

    let mut moved = Store::open(&resolved.path, fixed_clock(NOW)).expect("the moved store opens");
    assert_eq!(
        moved.roadmap(EXAMPLE_ID).unwrap(),
        expected,
        "the moved roadmap is the old one, its last edit included"
    );
    assert_eq!(
        moved.history(EXAMPLE_ID).unwrap().len(),
        1,
        "the imported revision's record came along"
    );

    let backups = backup::list(&backup::backups_dir(&resolved.path)).unwrap();
    let taken: Vec<&str> = backups.iter().map(|b| b.reason.as_str()).collect();
    assert!(
        taken.contains(&"avant-deplacement") && taken.contains(&"quotidienne"),
        "a backup before the move, and the old store's own backups: {taken:?}"
    );
    for b in &backups {
        backup::verify(Path::new(&b.path)).unwrap_or_else(|e| panic!("{}: a verified backup: {e}", b.path));
    }
    let mut from_backup = Store::open(
        Path::new(&backups.iter().find(|b| b.reason == "avant-deplacement").unwrap().path),
        fixed_clock(NOW),
    )
    .unwrap();
    assert_eq!(
        from_backup.roadmap(EXAMPLE_ID).unwrap(),
        expected,
        "the backup before the move holds the last edit too"
    );

    assert!(!old.exists(), "the old file no longer sits where it would be opened");
    let kept = PathBuf::from(format!("{}.deplacee", old.display()));
    assert!(kept.is_file(), "the old file is kept, renamed: {}", kept.display());

    // A second start: nothing to move, nothing said.
    let again = resolve(&new_store(&local), std::slice::from_ref(&old), "2026-03-03T08:00:00Z");
    assert_eq!(again.path, new_store(&local));
    assert_eq!(again.note, None, "the move happens once");
}

#[test]
fn a_store_at_the_new_location_is_never_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let (local, roaming) = folders(tmp.path());
    drop(make_old_store(&old_store(&roaming)));
    let target = new_store(&local);
    Store::open(&target, fixed_clock(NOW)).expect("a new, empty store");
    let bytes = std::fs::read(&target).unwrap();

    let resolved = resolve(&target, &[old_store(&roaming)], NOW);
    assert_eq!(
        resolved,
        fdr_store::location::Resolved {
            path: target.clone(),
            note: None
        }
    );
    assert_eq!(
        std::fs::read(&target).unwrap(),
        bytes,
        "the new store is left as it was"
    );
    assert!(old_store(&roaming).is_file(), "and the old one too");
}

#[test]
fn a_damaged_old_store_stays_where_it_is_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let (local, roaming) = folders(tmp.path());
    let old = old_store(&roaming);
    std::fs::create_dir_all(old.parent().unwrap()).unwrap();
    std::fs::write(
        &old,
        b"ceci n'est pas une base SQLite, mais un fichier de l'utilisateur",
    )
    .unwrap();
    let bytes = std::fs::read(&old).unwrap();

    let resolved = resolve(&new_store(&local), std::slice::from_ref(&old), NOW);
    assert_eq!(
        resolved.path, old,
        "the old file is opened where it is, as before (the app then says why)"
    );
    let note = resolved.note.expect("the user is told why it did not move");
    assert!(note.contains("n’a pas pu être déplacée"), "{note}");
    assert_eq!(std::fs::read(&old).unwrap(), bytes, "not a byte changed");
    assert!(!new_store(&local).exists(), "no store is made at the new location");
}

#[test]
fn no_old_store_means_the_new_location_and_no_note() {
    let tmp = tempfile::tempdir().unwrap();
    let (local, roaming) = folders(tmp.path());
    let resolved = resolve(&new_store(&local), &[old_store(&roaming)], NOW);
    assert_eq!(resolved.path, new_store(&local));
    assert_eq!(resolved.note, None);
}
