//! The UI's TypeScript types are generated from the Rust types: this test
//! fails when `ui/src/api/bindings.ts` is not what the Rust types declare.
//! Integers are declared `number`: the IPC carries JSON numbers.
//! `FDR_UPDATE_BINDINGS=1 cargo test -p fdr-session --test bindings` rewrites it.

use ts_rs::TS;

fn declarations() -> String {
    use fdr_core::markdown::{Block, Span};
    use fdr_core::warnings::{Warning, WarningCode};
    use fdr_core::*;
    use fdr_session::*;
    use fdr_store::*;
    let decls = [
        Region::decl(),
        Period::decl(),
        Theme::decl(),
        RoadmapStatus::decl(),
        Animator::decl(),
        Diagnosis::decl(),
        KeyFigure::decl(),
        Objective::decl(),
        ActionStatus::decl(),
        Action::decl(),
        FundingLine::decl(),
        Direction::decl(),
        Frequency::decl(),
        Indicator::decl(),
        DatedValue::decl(),
        Participation::decl(),
        Stage::decl(),
        Method::decl(),
        Practice::decl(),
        Roadmap::decl(),
        WarningCode::decl(),
        Warning::decl(),
        Span::decl(),
        Block::decl(),
        Header::decl(),
        DeleteMode::decl(),
        ActionFields::decl(),
        IndicatorFields::decl(),
        ImportOutcome::decl(),
        ImportReport::decl(),
        RevisionEntry::decl(),
        RoadmapCard::decl(),
        ThemeRow::decl(),
        RoadmapView::decl(),
        ExportKind::decl(),
        Edit::decl(),
        AppError::decl(),
        fdr_core::diff::ChangeKind::decl(),
        fdr_core::diff::Change::decl(),
        FileImport::decl(),
        ConsolidationKind::decl(),
        ConsolidationOptions::decl(),
        PlanEntry::decl(),
        ConsolidationPlan::decl(),
        fdr_core::catalogue::Departement::decl(),
        Role::decl(),
        Overview::decl(),
        fdr_store::backup::BackupEntry::decl(),
        ObjectiveField::decl(),
        ActionField::decl(),
        IndicatorField::decl(),
        fdr_session::patch::Head::decl(),
        fdr_session::patch::ListPatch::<Action>::decl(),
        RoadmapPatch::decl(),
        EditReply::decl(),
        fdr_core::review::ReviewedRevision::decl(),
        fdr_core::review::Reviewer::decl(),
        fdr_core::review::Decision::decl(),
        fdr_core::review::Severity::decl(),
        fdr_core::review::Part::decl(),
        fdr_core::review::Target::decl(),
        fdr_core::review::Remark::decl(),
        fdr_core::review::Avis::decl(),
        fdr_core::review::AnswerState::decl(),
        fdr_core::review::Answer::decl(),
        fdr_core::review::TargetChoice::decl(),
        AvisState::decl(),
        AvisOutcome::decl(),
        AvisReport::decl(),
        AnswersReport::decl(),
        HeldAnswer::decl(),
        AvisEntry::decl(),
        RemarkState::decl(),
        ReviewView::decl(),
        ReviewSummary::decl(),
        Suggestion::decl(),
        AvisScreen::decl(),
        AvisEdit::decl(),
    ];
    let mut out = String::from(
        "// Generated from the Rust types by ts-rs: do not edit by hand.\n\
         // FDR_UPDATE_BINDINGS=1 cargo test -p fdr-session --test bindings rewrites it.\n\n",
    );
    for d in decls {
        out.push_str("export ");
        // Integers of the format stay within JavaScript's safe range (the
        // IPC carries them as JSON numbers): `number`, not ts-rs's `bigint`.
        out.push_str(&d.replace("bigint", "number"));
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[test]
fn ui_bindings_are_those_of_the_rust_types() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../ui/src/api/bindings.ts");
    let expected = declarations();
    if std::env::var_os("FDR_UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &expected).unwrap();
    }
    let found = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        found == expected,
        "ui/src/api/bindings.ts is out of date with the Rust types: run FDR_UPDATE_BINDINGS=1 cargo test -p fdr-session --test bindings"
    );
}
