// Generated from the Rust types by ts-rs: do not edit by hand.
// FDR_UPDATE_BINDINGS=1 cargo test -p fdr-session --test bindings rewrites it.

export type Region = { 
/**
 * INSEE region code, e.g. `"32"`.
 */
code: string, 
/**
 * e.g. `"Hauts-de-France"`.
 */
name: string, };

export type Period = { 
/**
 * First year.
 */
start: number, 
/**
 * Last year (inclusive).
 */
end: number, };

export type Theme = { 
/**
 * 1 to 15, one of the numbers of `themes.json`.
 */
number: number, 
/**
 * Title as written by the animator (normally the catalogue's).
 */
title: string, };

export type RoadmapStatus = "draft" | "submitted" | "validated";

export type Animator = { 
/**
 * Full name.
 */
name: string, 
/**
 * Employer or body.
 */
organisation?: string, 
/**
 * Role in the group.
 */
role?: string, 
/**
 * E-mail address (kept as typed).
 */
email?: string, 
/**
 * Telephone (kept as typed).
 */
phone?: string, };

export type Diagnosis = { 
/**
 * Light Markdown.
 */
text: string, 
/**
 * Figures that ground the diagnosis.
 */
key_figures: Array<KeyFigure>, };

export type KeyFigure = { 
/**
 * What is counted.
 */
label: string, 
/**
 * The figure.
 */
value: number, 
/**
 * Unit, e.g. `%`, `jeunes`.
 */
unit?: string, 
/**
 * Year of the figure.
 */
year?: number, 
/**
 * Territory the figure describes.
 */
territory?: string, 
/**
 * Source of the figure.
 */
source?: string, };

export type Objective = { 
/**
 * Local id, unique among objectives (`^[A-Za-z0-9_.-]{1,32}$`).
 */
id: string, 
/**
 * Rank, 1 is the highest; unique, gaps allowed.
 */
priority: number, 
/**
 * Title.
 */
title: string, 
/**
 * Light Markdown.
 */
text?: string, 
/**
 * Département codes or the region code.
 */
territories?: Array<string>, };

export type ActionStatus = "planned" | "in_progress" | "done" | "abandoned";

export type Action = { 
/**
 * Local id, unique among actions.
 */
id: string, 
/**
 * Ids of the objectives this action serves.
 */
objectives: Array<string>, 
/**
 * Title.
 */
title: string, 
/**
 * Light Markdown.
 */
text?: string, 
/**
 * *Pilote*: who carries the action.
 */
lead?: string, 
/**
 * Partner bodies.
 */
partners?: Array<string>, 
/**
 * Département codes or the region code.
 */
territories?: Array<string>, 
/**
 * Start date, `YYYY-MM-DD`.
 */
start?: string, 
/**
 * End date, `YYYY-MM-DD`, not before `start`.
 */
end?: string, 
/**
 * Where the action stands.
 */
status: ActionStatus, 
/**
 * Staff time in full-time equivalents (ETP).
 */
fte?: number, 
/**
 * Budget lines by funder and year.
 */
funding: Array<FundingLine>, };

export type FundingLine = { 
/**
 * État, Département, Région, FSE, CAF, ARS, Communes, Fondations, Entreprises, Autre…
 */
funder: string, 
/**
 * Budget year.
 */
year: number, 
/**
 * Amount in euro cents.
 */
amount_cents: number, };

export type Direction = "increase" | "decrease" | "maintain";

export type Frequency = "monthly" | "quarterly" | "half_yearly" | "yearly" | "once";

export type Indicator = { 
/**
 * Local id, unique among indicators.
 */
id: string, 
/**
 * Objectives this indicator measures.
 */
objectives?: Array<string>, 
/**
 * Actions this indicator measures.
 */
actions?: Array<string>, 
/**
 * Name.
 */
name: string, 
/**
 * Light Markdown.
 */
definition?: string, 
/**
 * Unit, e.g. `%`.
 */
unit: string, 
/**
 * Which way is good.
 */
direction: Direction, 
/**
 * Starting value.
 */
baseline?: DatedValue, 
/**
 * Value aimed at.
 */
target?: DatedValue, 
/**
 * Values measured since.
 */
measurements?: Array<DatedValue>, 
/**
 * Where the figures come from.
 */
source?: string, 
/**
 * How often it is measured.
 */
frequency?: Frequency, };

export type DatedValue = { 
/**
 * The value.
 */
value: number, 
/**
 * `YYYY-MM-DD`.
 */
date: string, 
/**
 * Free comment.
 */
comment?: string, };

export type Participation = { 
/**
 * Light Markdown.
 */
text: string, 
/**
 * Practices by stage and method.
 */
practices: Array<Practice>, };

export type Stage = "diagnosis" | "design" | "implementation" | "evaluation";

export type Method = "information" | "consultation" | "concertation" | "co_construction" | "co_decision";

export type Practice = { 
/**
 * Stage of the cycle.
 */
stage: Stage, 
/**
 * Degree of participation.
 */
method: Method, 
/**
 * What was done.
 */
description: string, 
/**
 * Number of people who took part.
 */
participants?: number, 
/**
 * `YYYY-MM-DD`.
 */
date?: string, };

export type Roadmap = { 
/**
 * UUID, the roadmap's identity for life.
 */
id: string, 
/**
 * Number of the last export (0: never exported nor imported).
 */
revision: number, 
/**
 * Region.
 */
region: Region, 
/**
 * Strategy period.
 */
period: Period, 
/**
 * Working group.
 */
theme: Theme, 
/**
 * Life status.
 */
status: RoadmapStatus, 
/**
 * Animators of the group.
 */
animators: Array<Animator>, 
/**
 * Part 1.
 */
diagnosis: Diagnosis, 
/**
 * Part 2.
 */
objectives: Array<Objective>, 
/**
 * Part 3.
 */
actions: Array<Action>, 
/**
 * Part 4.
 */
indicators: Array<Indicator>, 
/**
 * Part 5.
 */
participation: Participation, };

export type WarningCode = "objective_without_action" | "objective_without_indicator" | "indicator_without_baseline" | "indicator_without_target" | "action_without_lead" | "action_without_funding" | "funding_outside_period" | "state_share_above50" | "period_invalid";

export type Warning = { 
/**
 * Field path as in the format, for machines (links, the CLI).
 */
path: string, 
/**
 * Kind.
 */
code: WarningCode, 
/**
 * What to look at, in French, naming the item: what people read.
 */
message: string, };

export type Span = { 
/**
 * The characters shown.
 */
text: string, 
/**
 * In `**bold**`.
 */
bold: boolean, 
/**
 * In `*italic*`.
 */
italic: boolean, };

export type Block = { "kind": "paragraph", "content": Array<Span> } | { "kind": "bullets", "content": Array<Array<Span>> };

export type Header = { 
/**
 * Theme title as shown.
 */
theme_title: string, 
/**
 * Status.
 */
status: RoadmapStatus, 
/**
 * Strategy period.
 */
period: Period, };

export type DeleteMode = "refuse" | "remove_links";

export type ActionFields = { 
/**
 * Local id.
 */
id: string, 
/**
 * Title.
 */
title: string, 
/**
 * Light Markdown.
 */
text?: string, 
/**
 * *Pilote*.
 */
lead?: string, 
/**
 * Partners.
 */
partners?: Array<string>, 
/**
 * Territories.
 */
territories?: Array<string>, 
/**
 * `YYYY-MM-DD`.
 */
start?: string, 
/**
 * `YYYY-MM-DD`.
 */
end?: string, 
/**
 * Status.
 */
status: ActionStatus, 
/**
 * ETP.
 */
fte?: number, };

export type IndicatorFields = { 
/**
 * Local id.
 */
id: string, 
/**
 * Name.
 */
name: string, 
/**
 * Light Markdown.
 */
definition?: string, 
/**
 * Unit.
 */
unit: string, 
/**
 * Direction.
 */
direction: Direction, 
/**
 * Baseline.
 */
baseline?: DatedValue, 
/**
 * Target.
 */
target?: DatedValue, 
/**
 * Source.
 */
source?: string, 
/**
 * Frequency.
 */
frequency?: Frequency, };

export type ImportOutcome = { "kind": "added" } | { "kind": "updated", 
/**
 * The revision it replaced.
 */
previous: number, } | { "kind": "already_imported" } | { "kind": "history_only", 
/**
 * The current revision, which stays.
 */
current: number, };

export type ImportReport = { 
/**
 * Roadmap id.
 */
id: string, 
/**
 * Revision of the file.
 */
revision: number, 
/**
 * Theme of the file.
 */
theme_number: number, 
/**
 * What happened.
 */
outcome: ImportOutcome, 
/**
 * The file's warnings.
 */
warnings: Array<Warning>, };

export type RevisionEntry = { 
/**
 * Revision number.
 */
revision: number, 
/**
 * The file's `exported_at`.
 */
exported_at: string, 
/**
 * `import` or `export`.
 */
origin: string, 
/**
 * File name it came from, for imports.
 */
source_name: string | null, 
/**
 * When it entered this store.
 */
recorded_at: string, };

export type RoadmapCard = { 
/**
 * UUID.
 */
id: string, 
/**
 * Theme title as written in the roadmap.
 */
theme_title: string, 
/**
 * Status.
 */
status: RoadmapStatus, 
/**
 * Last exported or imported revision (0: never).
 */
revision: number, 
/**
 * Edited since its last export.
 */
edited: boolean, 
/**
 * Last change (RFC 3339, UTC).
 */
updated_at: string, 
/**
 * Number of warnings.
 */
warnings: number, 
/**
 * Animators' names.
 */
animators: Array<string>, 
/**
 * When the current revision was exported or received (RFC 3339), if ever.
 */
exported_at: string | null, 
/**
 * Counts.
 */
objectives: number, 
/**
 * Counts.
 */
actions: number, 
/**
 * Counts.
 */
indicators: number, 
/**
 * Budget of all actions, in cents.
 */
total_cents: number, 
/**
 * Territory codes named by its objectives and actions (départements, region).
 */
territories: Array<string>, };

export type ThemeRow = { 
/**
 * 1 to 15.
 */
number: number, 
/**
 * The catalogue's title.
 */
title: string, 
/**
 * Roadmaps of this theme in the store.
 */
roadmaps: Array<RoadmapCard>, };

export type RoadmapView = { 
/**
 * The content.
 */
roadmap: Roadmap, 
/**
 * The core's warnings, live.
 */
warnings: Array<Warning>, 
/**
 * Edited since its last export.
 */
edited: boolean, 
/**
 * Last change committed (RFC 3339, UTC).
 */
updated_at: string, 
/**
 * Steps that can be undone in this session.
 */
undo_steps: number, 
/**
 * Steps that can be redone.
 */
redo_steps: number, };

export type ExportKind = "pdf" | "json";

export type Edit = { "op": "update_header", header: Header, } | { "op": "set_status", status: RoadmapStatus, } | { "op": "set_diagnosis_text", text: string, } | { "op": "set_participation_text", text: string, } | { "op": "add_animator", animator: Animator, } | { "op": "update_animator", index: number, animator: Animator, } | { "op": "delete_animator", index: number, } | { "op": "move_animator", index: number, to: number, } | { "op": "add_key_figure", key_figure: KeyFigure, } | { "op": "update_key_figure", index: number, key_figure: KeyFigure, } | { "op": "delete_key_figure", index: number, } | { "op": "move_key_figure", index: number, to: number, } | { "op": "add_objective", title: string, } | { "op": "update_objective", code: string, objective: Objective, } | { "op": "delete_objective", code: string, mode: DeleteMode, } | { "op": "move_objective", code: string, to: number, } | { "op": "add_action", title: string, } | { "op": "update_action", code: string, fields: ActionFields, } | { "op": "delete_action", code: string, mode: DeleteMode, } | { "op": "move_action", code: string, to: number, } | { "op": "link_action_objective", action: string, objective: string, linked: boolean, } | { "op": "add_funding", action: string, line: FundingLine, } | { "op": "update_funding", action: string, index: number, line: FundingLine, } | { "op": "delete_funding", action: string, index: number, } | { "op": "add_indicator", name: string, unit: string, } | { "op": "update_indicator", code: string, fields: IndicatorFields, } | { "op": "delete_indicator", code: string, } | { "op": "move_indicator", code: string, to: number, } | { "op": "link_indicator_objective", indicator: string, objective: string, linked: boolean, } | { "op": "link_indicator_action", indicator: string, action: string, linked: boolean, } | { "op": "add_measurement", indicator: string, measurement: DatedValue, } | { "op": "update_measurement", indicator: string, index: number, measurement: DatedValue, } | { "op": "delete_measurement", indicator: string, index: number, } | { "op": "add_practice", practice: Practice, } | { "op": "update_practice", index: number, practice: Practice, } | { "op": "delete_practice", index: number, } | { "op": "move_practice", index: number, to: number, };

export type AppError = { 
/**
 * e.g. `referenced`, `duplicate_id`, `disk_full`, `invalid_input`.
 */
code: string, 
/**
 * What went wrong, in French, naming the item or file.
 */
message: string, };

export type ChangeKind = "added" | "removed" | "changed";

export type Change = { 
/**
 * Stable key of the item, e.g. `actions/A2/funding/État/2025`.
 */
item: string, 
/**
 * The item for people, e.g. `Action A2 — financement État 2025`.
 */
label: string, 
/**
 * Added, removed or changed.
 */
kind: ChangeKind, 
/**
 * The field that changed (`changed` only), e.g. `Cible`.
 */
field: string | null, 
/**
 * Old value, as shown (for `removed`: a summary of the item).
 */
old: string | null, 
/**
 * New value, as shown (for `added`: a summary of the item).
 */
new: string | null, };

export type FileImport = { 
/**
 * The file's name as given.
 */
name: string, 
/**
 * One report per roadmap it carried (none when refused).
 */
reports: Array<ImportReport>, 
/**
 * Why it was refused, in French (the store is unchanged), if it was.
 */
refused: string | null, };

export type ConsolidationKind = "pdf" | "xlsx" | "csv";

export type Departement = { 
/**
 * e.g. `"59"`.
 */
code: string, 
/**
 * e.g. `"Nord"`.
 */
name: string, };

export type Overview = { 
/**
 * The 15 themes.
 */
themes: Array<ThemeRow>, 
/**
 * Départements of the region.
 */
departements: Array<Departement>, 
/**
 * Code of the region (a territory meaning every département).
 */
region_code: string, };

export type BackupEntry = { 
/**
 * Where it is.
 */
path: string, 
/**
 * When it was taken (RFC 3339, from its name).
 */
taken_at: string, 
/**
 * Why: `quotidienne`, `avant-migration`, `manuelle`, `avant-restauration`.
 */
reason: string, 
/**
 * Size in bytes.
 */
size: number, };
