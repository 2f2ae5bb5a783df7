//! The PDF documents of *Feuilles de route*, in two steps:
//!
//! 1. a pure layout pass ([`layout`], [`roadmap`], [`charts`]) that places
//!    text runs, rules, fills and links on pages, each box carrying its role
//!    in the logical structure (or marked as an artifact), tested on numbers;
//! 2. a thin renderer ([`render`]) that writes the boxes as PDF: printpdf
//!    subsets the fonts, and the content streams and objects — the
//!    embedded JSON, `/Lang`, the nested outline, links, the structure tree,
//!    metadata with an explicit date, a deterministic file id — are written
//!    directly (`syntax`), packed into compressed object streams.
//!
//! Fonts ([`fonts`]) are compiled in and always subset; text ([`text`]) is
//! measured from the font files with kerning, and broken so that nothing
//! passes the margins.
//!
//! Extending it: new content goes in [`roadmap`] as calls on
//! [`layout::Flow`] with the right roles; a new kind of box needs an
//! [`layout::Item`] variant and its drawing in [`render`].

pub mod avis;
pub mod charts;
pub mod consolidated;
pub mod fonts;
pub mod layout;
pub mod render;
pub mod roadmap;
mod syntax;
pub mod text;

use sha2::{Digest, Sha256};

/// Hexadecimal SHA-256 of bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The PDF of a roadmap, carrying `json` (the exact bytes of its
/// `fdr export --format json`) as `feuille-de-route.json`. `exported_at` is
/// the RFC 3339 timestamp of that export: the same roadmap, JSON and
/// timestamp always give the same bytes.
pub fn roadmap_pdf(roadmap: &fdr_core::Roadmap, json: &[u8], exported_at: &str) -> Vec<u8> {
    roadmap_pdf_with(roadmap, json, exported_at, render::RenderOptions { tagged: true })
}

/// [`roadmap_pdf`], also carrying the author's answers to the avis received
/// (`reponses`, the exact `reponses.json` of that revision) beside the
/// roadmap's JSON, when there are any.
pub fn roadmap_pdf_with_answers(
    roadmap: &fdr_core::Roadmap,
    json: &[u8],
    reponses: Option<&[u8]>,
    exported_at: &str,
) -> Vec<u8> {
    roadmap_pdf_full(
        roadmap,
        json,
        reponses,
        exported_at,
        render::RenderOptions { tagged: true },
    )
}

/// [`roadmap_pdf`] with rendering switches (to measure the cost of tagging).
pub fn roadmap_pdf_with(
    roadmap: &fdr_core::Roadmap,
    json: &[u8],
    exported_at: &str,
    options: render::RenderOptions,
) -> Vec<u8> {
    roadmap_pdf_full(roadmap, json, None, exported_at, options)
}

fn roadmap_pdf_full(
    roadmap: &fdr_core::Roadmap,
    json: &[u8],
    reponses: Option<&[u8]>,
    exported_at: &str,
    options: render::RenderOptions,
) -> Vec<u8> {
    let date = exported_at.get(..10).unwrap_or("1970-01-01").to_string();
    let info = roadmap::ExportInfo {
        date,
        json_sha256: sha256_hex(json),
    };
    let mut fonts = fonts::Fonts::new();
    let doc = roadmap::layout(roadmap, &info, &mut fonts);
    let authors = roadmap
        .animators
        .iter()
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let meta = render::Metadata {
        title: format!(
            "Feuille de route — Thème n° {} : {}",
            roadmap.theme.number, roadmap.theme.title
        ),
        author: if authors.is_empty() {
            "Groupe de travail thématique".into()
        } else {
            authors
        },
        subject: format!(
            "Stratégie de prévention et de lutte contre la pauvreté, {} {}–{}, révision {}",
            roadmap.region.name, roadmap.period.start, roadmap.period.end, roadmap.revision
        ),
        keywords: "feuille de route, stratégie pauvreté, Hauts-de-France".into(),
        created: exported_at.to_string(),
    };
    let attachment = render::Attachment {
        name: fdr_format::ATTACHMENT_NAME.into(),
        mime: "application/json".into(),
        description: "Données de la feuille de route (format feuille-de-route, version 1)".into(),
        bytes: json.to_vec(),
    };
    let mut attachments = vec![attachment];
    if let Some(reponses) = reponses {
        attachments.push(render::Attachment {
            name: fdr_format::pdf::REPONSES_NAME.into(),
            mime: "application/json".into(),
            description: "Réponses aux avis du secrétariat (format feuille-de-route-reponses, version 1)".into(),
            bytes: reponses.to_vec(),
        });
    }
    render::render_with(&doc, &meta, &attachments, options)
}

/// The PDF of an avis, carrying `json` (its exact exchanged bytes) as
/// `avis.json`. `reviewed` is the revision it is about, when held. The same
/// avis always gives the same bytes.
pub fn avis_pdf(
    avis: &fdr_core::review::Avis,
    json: &[u8],
    reviewed: Option<&fdr_core::Roadmap>,
    theme_title: &str,
) -> Vec<u8> {
    let mut fonts = fonts::Fonts::new();
    let doc = avis::layout(avis, reviewed, theme_title, &mut fonts);
    let meta = render::Metadata {
        title: format!(
            "Avis du secrétariat — Thème n° {} : {} (révision {})",
            avis.roadmap.theme_number, theme_title, avis.roadmap.revision
        ),
        author: avis.issued_by.name.clone(),
        subject: format!(
            "Avis « {} » sur la révision {} de la feuille de route",
            avis.decision.label_fr(),
            avis.roadmap.revision
        ),
        keywords: "avis, feuille de route, stratégie pauvreté, Hauts-de-France".into(),
        created: avis.issued_at.clone(),
    };
    let attachment = render::Attachment {
        name: fdr_format::pdf::AVIS_NAME.into(),
        mime: "application/json".into(),
        description: "Avis du secrétariat (format feuille-de-route-avis, version 1)".into(),
        bytes: json.to_vec(),
    };
    render::render(&doc, &meta, std::slice::from_ref(&attachment))
}

/// One roadmap to consolidate: its content, the exact bytes of its exported
/// JSON, and that export's RFC 3339 timestamp.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The roadmap.
    pub roadmap: &'a fdr_core::Roadmap,
    /// Its `fdr export --format json` bytes.
    pub json: &'a [u8],
    /// When that export was made.
    pub exported_at: &'a str,
    /// Where the secretariat's review of it stands, in a few words (the
    /// regional summary's « Avis » column), if known.
    pub review: Option<&'a str>,
}

/// The name of a roadmap's JSON inside the consolidated PDF:
/// `feuille-de-route-theme-09.json`, then `…-09-2.json` for a second
/// roadmap of the same theme.
pub fn consolidated_attachment_name(theme: i64, nth: usize) -> String {
    if nth <= 1 {
        format!("feuille-de-route-theme-{theme:02}.json")
    } else {
        format!("feuille-de-route-theme-{theme:02}-{nth}.json")
    }
}

/// The consolidated regional PDF of `sources` (sorted here by theme), made
/// on `created` (RFC 3339). It carries each roadmap's JSON as an attachment
/// (see [`consolidated_attachment_name`]): the same inputs give the same bytes.
pub fn consolidated_pdf(sources: &[Source], created: &str) -> Vec<u8> {
    consolidated_pdf_of(sources, created, &consolidated::Scope::Region)
}

/// [`consolidated_pdf`] for a scope: the region, or one département (its
/// title, summary and running header say which).
pub fn consolidated_pdf_of(sources: &[Source], created: &str, scope: &consolidated::Scope) -> Vec<u8> {
    let mut sorted: Vec<&Source> = sources.iter().collect();
    sorted.sort_by(|a, b| (a.roadmap.theme.number, &a.roadmap.id).cmp(&(b.roadmap.theme.number, &b.roadmap.id)));
    let parts: Vec<consolidated::Part> = sorted
        .iter()
        .map(|s| consolidated::Part {
            roadmap: s.roadmap,
            info: roadmap::ExportInfo {
                date: s.exported_at.get(..10).unwrap_or("1970-01-01").to_string(),
                json_sha256: sha256_hex(s.json),
            },
            review: s.review.map(str::to_string),
        })
        .collect();
    let date = created.get(..10).unwrap_or("1970-01-01");
    let mut fonts = fonts::Fonts::new();
    let started = std::time::Instant::now();
    let doc = consolidated::layout(&parts, date, scope, &mut fonts);
    if std::env::var_os("FDR_PDF_TIMING").is_some() {
        eprintln!(
            "consolidated layout {:.1} ms, {} pages",
            started.elapsed().as_secs_f64() * 1000.0,
            doc.pages.len()
        );
    }
    let mut seen: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    let attachments: Vec<render::Attachment> = sorted
        .iter()
        .map(|s| {
            let n = seen.entry(s.roadmap.theme.number).or_insert(0);
            *n += 1;
            render::Attachment {
                name: consolidated_attachment_name(s.roadmap.theme.number, *n),
                mime: "application/json".into(),
                description: format!(
                    "Données de la feuille de route du thème n° {} (format feuille-de-route, version 1)",
                    s.roadmap.theme.number
                ),
                bytes: s.json.to_vec(),
            }
        })
        .collect();
    let region = fdr_core::catalogue::Catalogue::builtin();
    let span = consolidated::covered_period(&parts, region);
    let meta = render::Metadata {
        title: match scope {
            consolidated::Scope::Region => format!(
                "Feuilles de route thématiques — {} — document consolidé",
                region.region.name
            ),
            consolidated::Scope::Departement(d) => format!(
                "Feuilles de route thématiques — {} ({}) — document consolidé",
                d.name, d.code
            ),
        },
        author: "Secrétariat régional de la stratégie de prévention et de lutte contre la pauvreté".into(),
        subject: format!(
            "{} : consolidation de {} feuille{} de route, {}",
            scope.title(),
            parts.len(),
            if parts.len() > 1 { "s" } else { "" },
            fdr_core::french::period(span.start, span.end)
        ),
        keywords: "feuilles de route, stratégie pauvreté, consolidation régionale".into(),
        created: created.to_string(),
    };
    render::render(&doc, &meta, &attachments)
}
