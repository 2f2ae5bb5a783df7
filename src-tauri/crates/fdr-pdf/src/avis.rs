//! The avis document: the secretariat's judgement on one revision of a
//! roadmap, readable by the animator and carrying its own data. Laid out
//! with the same [`Flow`] and written by the same renderer as the roadmap,
//! so it is tagged the same way and deterministic: who issued it and when,
//! the revision reviewed, the decision, the summary, then the remarks
//! grouped by part, each quoting the item it concerns.

use crate::fonts::Fonts;
use crate::layout::{styles, Document, Flow, Geometry, Role, StructTree};
use crate::roadmap::{cover_band, page_furniture};
use crate::text::{Rgb, TextStyle};
use fdr_core::french;
use fdr_core::markdown::Span;
use fdr_core::review::*;
use fdr_core::Roadmap;

fn span(text: &str, bold: bool) -> Span {
    Span {
        text: text.to_string(),
        bold,
        italic: false,
    }
}

/// The day of an RFC 3339 timestamp, in words (« 15 juillet 2019 »).
fn day(timestamp: &str) -> String {
    french::date_long(timestamp.get(..10).unwrap_or(timestamp))
}

/// Lays out an avis. `reviewed` is the revision it is about, when this
/// copy holds it (for the period and the items' current titles); the
/// remarks' quotes are printed as the avis carries them.
pub fn layout(a: &Avis, reviewed: Option<&Roadmap>, theme_title: &str, fonts: &mut Fonts) -> Document {
    let catalogue = fdr_core::catalogue::Catalogue::builtin();
    let g = Geometry::a4();
    let mut flow = Flow::new(fonts, g);
    let root = StructTree::ROOT;
    let (region, period) = match reviewed {
        Some(r) => (r.region.name.clone(), r.period),
        None => (catalogue.region.name.clone(), catalogue.period),
    };
    cover_band(&mut flow, &region, period, root);
    flow.y = 172.0;
    flow.plain(
        &format!("Avis du secrétariat régional · Thème n° {}", a.roadmap.theme_number),
        TextStyle::bold(11.0).colored(Rgb::BLUE),
        root,
    );
    flow.y += 4.0;
    flow.heading(
        1,
        &format!("Avis sur la feuille de route « {theme_title} »"),
        root,
        false,
    );

    let who = {
        let b = &a.issued_by;
        let mut parts = vec![b.name.clone()];
        parts.extend(b.role.clone());
        parts.extend(b.organisation.clone());
        parts.extend(b.email.clone());
        parts.join(", ")
    };
    let facts = [
        ("Décision", a.decision.label_fr().to_string()),
        ("Révision examinée", a.roadmap.revision.to_string()),
        ("Émis par", who),
        ("Émis le", day(&a.issued_at)),
        (
            "Remarques",
            match a.remarks.len() {
                0 => "aucune".to_string(),
                n => {
                    let blocking = a.remarks.iter().filter(|r| r.severity == Severity::Blocking).count();
                    format!("{n} dont {blocking} bloquante{}", if blocking > 1 { "s" } else { "" })
                }
            },
        ),
    ];
    let items: Vec<Vec<Span>> = facts
        .iter()
        .map(|(label, value)| vec![span(&format!("{label} : "), true), span(value, false)])
        .collect();
    flow.bullets(&items, styles::BODY, root);

    let sect = flow.tree.add(root, Role::Sect);
    flow.heading(2, "Synthèse", sect, false);
    if a.summary.trim().is_empty() {
        flow.note("Pas de synthèse.", sect);
    } else {
        flow.markdown(&a.summary, styles::BODY, sect);
    }

    if a.remarks.is_empty() {
        let sect = flow.tree.add(root, Role::Sect);
        flow.heading(2, "Remarques", sect, false);
        flow.plain("Aucune remarque.", styles::BODY, sect);
    }
    for part in Part::ALL {
        let remarks: Vec<&Remark> = a.remarks.iter().filter(|r| r.target.part == part).collect();
        if remarks.is_empty() {
            continue;
        }
        let sect = flow.tree.add(root, Role::Sect);
        flow.heading(2, part.label_fr(), sect, false);
        for r in remarks {
            let quote = r.quote.as_deref().or_else(|| {
                r.target
                    .item
                    .as_deref()
                    .and_then(|i| reviewed.and_then(|rv| item_title(rv, r.target.part, i)))
            });
            // Under its part's heading, a remark names its item, or its field, or the part as a whole.
            let label = match (&r.target.item, &r.target.field) {
                (Some(_), _) => target_label(&r.target, quote),
                (None, Some(f)) => {
                    let l = field_label_fr(f);
                    let mut c = l.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect())
                        .unwrap_or_default()
                }
                (None, None) => "Ensemble de la partie".to_string(),
            };
            let severity = match r.severity {
                Severity::Blocking => "Bloquante",
                Severity::Normal => "Normale",
            };
            let color = match r.severity {
                Severity::Blocking => Rgb::RED,
                Severity::Normal => Rgb::TEXT,
            };
            flow.ensure(styles::BODY.line_height() * 3.0);
            flow.paragraph(
                &[span(&format!("{} · {severity} — ", r.id), true), span(&label, true)],
                TextStyle::regular(9.5).colored(color),
                sect,
            );
            flow.markdown(&r.text, styles::BODY, sect);
            flow.space(4.0);
        }
    }
    let mut doc = flow.finish();
    let header = format!(
        "Avis du secrétariat · Thème n° {} · révision {}",
        a.roadmap.theme_number, a.roadmap.revision
    );
    let footer = format!("Avis {} · émis le {}", a.id, day(&a.issued_at));
    page_furniture(&mut doc, fonts, |_| header.clone(), &footer);
    doc
}
