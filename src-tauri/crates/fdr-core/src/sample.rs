//! Deterministic generated roadmaps, for tests, benchmarks and demos.
//!
//! [`generate`] builds a valid roadmap of any size from a seed, with French
//! text, accents, bullets and emphasis, funding over the period and
//! indicators with measurements, so that large-document paths (import, export,
//! PDF layout) are exercised on realistic content.

use crate::catalogue::Catalogue;
use crate::roadmap::*;

/// A small deterministic pseudo-random sequence (SplitMix64).
#[derive(Debug, Clone)]
pub struct Sequence(u64);

impl Sequence {
    /// Starts a sequence.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }
    /// Next 64 bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const WORDS: &[&str] = &[
    "accompagnement",
    "jeunes",
    "familles",
    "logement",
    "insertion",
    "formation",
    "santé",
    "accès aux droits",
    "référent",
    "parcours",
    "territoire",
    "partenaires",
    "bénévoles",
    "mission locale",
    "centre social",
    "protection de l’enfance",
    "hébergement",
    "alimentation",
    "mobilité",
    "numérique",
    "emploi",
    "école",
    "crèche",
    "entreprises",
    "associations",
    "évaluation",
    "coordination",
    "prévention",
    "précarité",
    "écoute",
];
const LEADS: &[&str] = &[
    "Conseil départemental du Nord",
    "DDCS de l’Oise",
    "CAF de la Somme",
    "Mission locale de Lens",
    "ARS Hauts-de-France",
    "Région Hauts-de-France",
    "Union départementale des CCAS",
    "Association Œuvre d’accueil",
];
const FUNDERS: &[&str] = &[
    "État",
    "Département",
    "Région",
    "FSE",
    "CAF",
    "ARS",
    "Communes",
    "Fondations",
];

fn sentence(seq: &mut Sequence, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(seq.pick::<&str>(WORDS));
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => s,
    }
}

/// A valid roadmap with `actions` actions and `indicators` indicators.
pub fn generate(id: &str, theme: i64, actions: usize, indicators: usize, seed: u64) -> Roadmap {
    let catalogue = Catalogue::builtin();
    let mut seq = Sequence::new(seed);
    let mut r = Roadmap::new(id.to_string(), catalogue, theme).unwrap_or_else(|| {
        Roadmap::new(id.to_string(), catalogue, 1).expect("theme 1 exists in the built-in catalogue")
    });
    r.revision = 1;
    let (start, end) = (r.period.start, r.period.end);
    r.animators = vec![
        Animator {
            name: "Claire Vasseur".into(),
            organisation: Some("Département du Pas-de-Calais".into()),
            role: Some("Animatrice".into()),
            email: Some("claire.vasseur@example.org".into()),
            phone: None,
        },
        Animator {
            name: "Yanis Benali".into(),
            organisation: None,
            role: Some("Co-animateur".into()),
            email: None,
            phone: None,
        },
    ];
    r.diagnosis.text = format!(
        "{}.\n\nConstats :\n\n- {} ;\n- {} ;\n- **{}** et *{}*.",
        sentence(&mut seq, 30),
        sentence(&mut seq, 12),
        sentence(&mut seq, 10),
        sentence(&mut seq, 4),
        sentence(&mut seq, 3)
    );
    r.diagnosis.key_figures = (0..6)
        .map(|i| KeyFigure {
            label: sentence(&mut seq, 4),
            value: if i % 2 == 0 {
                Number::from(seq.below(5000))
            } else {
                Number::from_f64(seq.below(1000) as f64 / 10.0).unwrap_or_else(|| 0.into())
            },
            unit: Some(if i % 2 == 0 { "personnes".into() } else { "%".into() }),
            year: Some(start - 1),
            territory: Some("Hauts-de-France".into()),
            source: Some("Insee".into()),
        })
        .collect();
    let n_objectives = (actions / 8).clamp(3, 60);
    r.objectives = (0..n_objectives)
        .map(|i| Objective {
            id: format!("O{}", i + 1),
            priority: i as i64 + 1,
            title: sentence(&mut seq, 6),
            text: Some(sentence(&mut seq, 25)),
            territories: Some(vec![catalogue.departements[i % catalogue.departements.len()]
                .code
                .clone()]),
        })
        .collect();
    r.actions = (0..actions)
        .map(|i| {
            let y0 = start + seq.below((end - start + 1) as u64) as i64;
            let y1 = (y0 + seq.below(3) as i64).min(end);
            let mut funding = Vec::new();
            for y in y0..=y1 {
                let base = 1_000_000 + seq.below(20_000_000) as i64;
                funding.push(FundingLine {
                    funder: "Département".into(),
                    year: y,
                    amount_cents: base,
                });
                funding.push(FundingLine {
                    funder: "État".into(),
                    year: y,
                    amount_cents: base / 100 * (30 + seq.below(20) as i64),
                });
                if seq.below(2) == 0 {
                    funding.push(FundingLine {
                        funder: seq.pick(&FUNDERS[2..]).to_string(),
                        year: y,
                        amount_cents: seq.below(5_000_000) as i64,
                    });
                }
            }
            Action {
                id: format!("A{}", i + 1),
                objectives: vec![format!("O{}", i % n_objectives + 1)],
                title: sentence(&mut seq, 5 + i % 6),
                text: Some(format!(
                    "{}.\n\n- {}\n- {}",
                    sentence(&mut seq, 40),
                    sentence(&mut seq, 6),
                    sentence(&mut seq, 7)
                )),
                lead: Some(seq.pick(LEADS).to_string()),
                partners: Some((0..1 + i % 3).map(|_| seq.pick(LEADS).to_string()).collect()),
                territories: Some(vec![catalogue.departements[i % 5].code.clone()]),
                start: Some(format!("{y0}-{:02}-01", 1 + seq.below(12))),
                end: Some(format!("{y1}-12-31")),
                status: *seq.pick(&ActionStatus::ALL),
                fte: Some(Number::from_f64(seq.below(40) as f64 / 4.0).unwrap_or_else(|| 0.into())),
                funding,
            }
        })
        .collect();
    r.indicators = (0..indicators)
        .map(|i| {
            let base = 50 + seq.below(500) as i64;
            Indicator {
                id: format!("I{}", i + 1),
                objectives: Some(vec![format!("O{}", i % n_objectives + 1)]),
                actions: if actions > 0 {
                    Some(vec![format!("A{}", i % actions + 1)])
                } else {
                    None
                },
                name: sentence(&mut seq, 7),
                definition: Some(sentence(&mut seq, 20)),
                unit: if i % 3 == 0 { "%".into() } else { "personnes".into() },
                direction: *seq.pick(&Direction::ALL),
                baseline: Some(DatedValue {
                    value: base.into(),
                    date: format!("{}-12-31", start - 1),
                    comment: None,
                }),
                target: Some(DatedValue {
                    value: (base / 2).into(),
                    date: format!("{end}-12-31"),
                    comment: None,
                }),
                measurements: Some(
                    (start..end)
                        .map(|y| DatedValue {
                            value: (base - (y - start + 1) * seq.below(20) as i64).into(),
                            date: format!("{y}-12-31"),
                            comment: if y == start {
                                Some("Données provisoires".into())
                            } else {
                                None
                            },
                        })
                        .collect(),
                ),
                source: Some("Tableau de bord".into()),
                frequency: Some(Frequency::Yearly),
            }
        })
        .collect();
    r.participation.text = format!("{}.\n\n{}.", sentence(&mut seq, 30), sentence(&mut seq, 20));
    r.participation.practices = Stage::ALL
        .iter()
        .enumerate()
        .map(|(i, stage)| Practice {
            stage: *stage,
            method: Method::ALL[i % Method::ALL.len()],
            description: sentence(&mut seq, 12),
            participants: Some(seq.below(60) as i64),
            date: Some(format!("{}-0{}-15", start, i + 1)),
        })
        .collect();
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_roadmaps_are_valid_and_deterministic() {
        let a = generate("5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c409", 9, 400, 120, 7);
        let b = generate("5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c409", 9, 400, 120, 7);
        assert_eq!(a, b, "same seed, same roadmap");
        assert_eq!((a.actions.len(), a.indicators.len()), (400, 120));
        let problems = crate::validation::validate(&a, Catalogue::builtin());
        assert!(problems.is_empty(), "a generated roadmap must be valid: {problems:?}");
        let c = generate("5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c409", 9, 400, 120, 8);
        assert_ne!(a, c, "another seed, another roadmap");
    }
}
