//! The store's errors: rich inside the crate, each with a short stable
//! [`StoreError::code`] that the CLI and the desktop shell pass on.

use fdr_core::validation::Problem;
use fdr_format::DecodeError;

/// Everything that can go wrong in the store. Every message is French and
/// names what it is about.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed (disk full, I/O error, locked…).
    #[error("{}", sqlite_message(.0))]
    Sqlite(#[from] rusqlite::Error),
    /// The file is not a SQLite database.
    #[error(
        "« {path} » n’est pas une base Feuilles de route (fichier illisible ou endommagé) : il n’a pas été modifié"
    )]
    NotADatabase {
        /// The file.
        path: String,
    },
    /// The file is damaged (`quick_check` or `integrity_check` failed).
    #[error("la base « {path} » est endommagée ({detail}) : elle n’a pas été modifiée ; restaurez une sauvegarde")]
    Corrupt {
        /// The file.
        path: String,
        /// What SQLite found.
        detail: String,
    },
    /// Written by a newer version of the application.
    #[error("cette base a été écrite par une version plus récente de l’application (schéma {found}, cette version connaît le schéma {supported}) : elle n’a pas été modifiée ; mettez l’application à jour")]
    TooNew {
        /// Schema version of the file.
        found: i64,
        /// Latest schema this build knows.
        supported: i64,
    },
    /// No roadmap with this id.
    #[error("aucune feuille de route avec l’id « {0} »")]
    RoadmapNotFound(String),
    /// A roadmap with this id exists already.
    #[error("une feuille de route avec l’id « {0} » existe déjà")]
    RoadmapExists(String),
    /// No such theme in the catalogue.
    #[error("aucun thème n° {0} dans le référentiel")]
    UnknownTheme(i64),
    /// No item with this id or at this position.
    #[error("{kind} « {id} » introuvable")]
    ItemNotFound {
        /// e.g. "objectif".
        kind: &'static str,
        /// Its id or position.
        id: String,
    },
    /// An id already used in its list.
    #[error("l’identifiant « {id} » est déjà utilisé par un autre élément ({kind})")]
    DuplicateId {
        /// e.g. "objectif".
        kind: &'static str,
        /// The id.
        id: String,
    },
    /// Not a valid local id.
    #[error("identifiant « {0} » invalide : 1 à 32 caractères parmi A-Z, a-z, 0-9, « _ », « . » et « - »")]
    InvalidId(String),
    /// A reorder that is not a permutation of the list.
    #[error("nouvel ordre invalide pour la liste {0} : chaque élément doit y figurer une fois")]
    BadOrder(&'static str),
    /// Deleting an item that others reference.
    #[error("{item} ne peut pas être supprimé : {} y fait référence ; retirez ces liens ou demandez leur suppression", by.join(", "))]
    Referenced {
        /// What was to be deleted, e.g. "l’objectif O1".
        item: String,
        /// What references it, e.g. "l’action A2".
        by: Vec<String>,
    },
    /// An import refused by the format's rules.
    #[error("{0}")]
    Refused(#[from] DecodeError),
    /// Same id and revision, other content.
    #[error("conflit : la révision {revision} de la feuille de route {id} est déjà présente avec un autre contenu ; fichier refusé")]
    Conflict {
        /// Roadmap id.
        id: String,
        /// The revision.
        revision: i64,
    },
    /// A newer revision would overwrite local edits not yet exported.
    #[error("la feuille de route {id} a des modifications locales non exportées (depuis la révision {revision}) : la révision {incoming} reçue les écraserait ; exportez-les d’abord")]
    LocalEdits {
        /// Roadmap id.
        id: String,
        /// Last exported revision.
        revision: i64,
        /// Incoming revision.
        incoming: i64,
    },
    /// An edit of a roadmap this copy received: only its author edits it.
    #[error("cette feuille de route a été reçue d’un autre poste : elle est en lecture seule ici (son auteur la modifie ; « Reprendre la rédaction » en fait la vôtre)")]
    NotAuthor(String),
    /// An edit built on a version that is no longer the current one.
    #[error("cette feuille de route a changé depuis son affichage (import, autre fenêtre) : l’affichage a été actualisé, refaites la modification")]
    Stale {
        /// Roadmap id.
        id: String,
        /// The version the edit was built on.
        seen: i64,
        /// The current version.
        current: i64,
    },
    /// Same avis id, other content.
    #[error("conflit : l’avis {0} est déjà présent avec un autre contenu ; fichier refusé")]
    AvisConflict(String),
    /// Other answers for a revision that already has answers.
    #[error("conflit : la révision {revision} de la feuille de route {id} a déjà été reçue avec d’autres réponses ; fichier refusé")]
    AnswersConflict {
        /// Roadmap id.
        id: String,
        /// The revision.
        revision: i64,
    },
    /// Taking over a roadmap this copy already writes.
    #[error("ce poste est déjà l’auteur de la feuille de route {0}")]
    AlreadyAuthor(String),
    /// An avis on a roadmap this copy writes.
    #[error("un avis porte sur une feuille de route reçue : ce poste est l’auteur de la feuille de route {0}")]
    AvisOnOwnRoadmap(String),
    /// Changing an issued or received avis.
    #[error("l’avis {0} a été émis : il ne change plus (rédigez un nouvel avis)")]
    AvisIssued(String),
    /// A draft avis changed since the view a change was built on.
    #[error("ce brouillon d’avis a changé depuis son affichage (autre fenêtre) : l’affichage a été actualisé, refaites la modification")]
    AvisChanged(String),
    /// *Non retenue* without a reason.
    #[error("une remarque non retenue demande une raison : écrivez pourquoi elle n’est pas retenue")]
    DeclinedWithoutReason,
    /// Exporting a roadmap that breaks the format's rules.
    #[error("la feuille de route ne respecte pas le format : {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ; "))]
    Invalid(Vec<Problem>),
    /// File system.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// What the user reads when SQLite fails: the cause in plain French, and
/// that nothing was recorded (SQLite rolled the transaction back), then
/// SQLite's own words for a support request.
fn sqlite_message(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    let what = match e.sqlite_error_code() {
        Some(C::DiskFull) => "le disque est plein : rien n’a été enregistré ; libérez de la place, puis recommencez",
        Some(C::SystemIoFailure) => {
            "erreur de lecture ou d’écriture sur le disque : rien n’a été enregistré ; \
             vérifiez que le disque ou la clé USB est toujours branché et en bon état, puis recommencez"
        }
        Some(C::ReadOnly) => "la base est en lecture seule : rien n’a été enregistré ; vérifiez les droits sur le fichier",
        Some(C::DatabaseBusy | C::DatabaseLocked) => {
            "la base est occupée par un autre programme : rien n’a été enregistré ; fermez l’autre copie de l’application, puis recommencez"
        }
        Some(C::CannotOpen) => "la base ne peut pas être ouverte : vérifiez que le dossier existe et est accessible en écriture",
        _ => "erreur de la base de données",
    };
    format!("{what} ({e})")
}

/// `quick_check` and `integrity_check` report a page they could not read
/// as a finding (`unable to get the page. error code=266`): that is the
/// disk failing, not the file damaged, and is returned as the I/O error it
/// is (so that nobody is told to restore a backup of a sound file).
pub(crate) fn fail_on_io_error(check: &str) -> Result<()> {
    let io = check
        .split("error code=")
        .skip(1)
        .filter_map(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse::<i32>().ok()
        })
        .find(|code| code & 0xff == rusqlite::ffi::SQLITE_IOERR);
    match io {
        Some(code) => Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(code),
            Some("disk I/O error".into()),
        ))),
        None => Ok(()),
    }
}

impl StoreError {
    /// A short, stable code for callers to switch on.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Sqlite(e) => match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::DiskFull) => "disk_full",
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => "busy",
                Some(rusqlite::ErrorCode::ReadOnly) => "read_only",
                Some(rusqlite::ErrorCode::SystemIoFailure) => "io_error",
                _ => "storage",
            },
            Self::NotADatabase { .. } => "not_a_database",
            Self::Corrupt { .. } => "corrupt",
            Self::TooNew { .. } => "too_new",
            Self::RoadmapNotFound(_) => "roadmap_not_found",
            Self::RoadmapExists(_) => "roadmap_exists",
            Self::UnknownTheme(_) => "unknown_theme",
            Self::ItemNotFound { .. } => "not_found",
            Self::DuplicateId { .. } => "duplicate_id",
            Self::InvalidId(_) => "invalid_id",
            Self::BadOrder(_) => "bad_order",
            Self::Referenced { .. } => "referenced",
            Self::Refused(_) => "refused",
            Self::Conflict { .. } => "conflict",
            Self::LocalEdits { .. } => "local_edits",
            Self::Invalid(_) => "invalid",
            Self::NotAuthor(_) => "not_author",
            Self::AvisConflict(_) | Self::AnswersConflict { .. } => "conflict",
            Self::AlreadyAuthor(_) => "already_author",
            Self::AvisOnOwnRoadmap(_) => "own_roadmap",
            Self::AvisIssued(_) => "avis_issued",
            Self::DeclinedWithoutReason => "invalid_input",
            Self::AvisChanged(_) => "stale",
            Self::Stale { .. } => "stale",
            Self::Io(_) => "io",
        }
    }
}

/// Result of the store.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_that_could_not_be_read_is_an_io_error_not_damage() {
        let e = fail_on_io_error("*** in database main ***\nTree 38 page 38: unable to get the page. error code=266")
            .expect_err("266 is SQLITE_IOERR_READ");
        assert_eq!(e.code(), "io_error", "a read failure is the disk's: {e}");
        assert!(
            e.to_string()
                .starts_with("erreur de lecture ou d’écriture sur le disque"),
            "said in French: {e}"
        );
        assert!(fail_on_io_error("ok").is_ok(), "a sound file is not an I/O error");
        assert!(
            fail_on_io_error("Tree 4 page 4: btreeInitPage() returns error code 11").is_ok(),
            "real damage (SQLITE_CORRUPT) stays damage"
        );
        assert!(
            fail_on_io_error("Page 7: unable to get the page. error code=11").is_ok(),
            "a code that is not an I/O error stays damage"
        );
    }
}
