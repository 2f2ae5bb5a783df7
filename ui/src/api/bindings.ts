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
territories: Array<string>, 
/**
 * This copy writes it (otherwise it was received and is read-only here).
 */
authored: boolean, 
/**
 * Where its review stands: the latest avis, its remarks and their answers.
 */
review: ReviewSummary | null, 
/**
 * What its author does next, in words (« Écrire le diagnostic »,
 * « Corriger 3 points de vérification », « Exporter et envoyer au secrétariat »…).
 */
next_step: string, };

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
 * The version this view shows: every edit sends it back, and an edit
 * on a roadmap that changed since is refused (`stale`).
 */
version: number, 
/**
 * This copy is the author; a received roadmap is read-only.
 */
authored: boolean, 
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
redo_steps: number, 
/**
 * The secretariat's avis and the answers.
 */
review: ReviewView, 
/**
 * Something to tell the user (the undo history was emptied, and why).
 */
notice?: string, };

export type ExportKind = "pdf" | "json";

export type Edit = { "op": "update_header", header: Header, } | { "op": "set_status", status: RoadmapStatus, } | { "op": "set_diagnosis_text", text: string, } | { "op": "set_participation_text", text: string, } | { "op": "add_animator", animator: Animator, } | { "op": "update_animator", index: number, animator: Animator, } | { "op": "delete_animator", index: number, } | { "op": "move_animator", index: number, to: number, } | { "op": "add_key_figure", key_figure: KeyFigure, } | { "op": "update_key_figure", index: number, key_figure: KeyFigure, } | { "op": "delete_key_figure", index: number, } | { "op": "move_key_figure", index: number, to: number, } | { "op": "add_objective", title: string, } | { "op": "update_objective", code: string, objective: Objective, } | { "op": "set_objective_field", code: string, set: ObjectiveField, } | { "op": "delete_objective", code: string, mode: DeleteMode, } | { "op": "move_objective", code: string, to: number, } | { "op": "add_action", title: string, } | { "op": "update_action", code: string, fields: ActionFields, } | { "op": "set_action_field", code: string, set: ActionField, } | { "op": "delete_action", code: string, mode: DeleteMode, } | { "op": "move_action", code: string, to: number, } | { "op": "link_action_objective", action: string, objective: string, linked: boolean, } | { "op": "add_funding", action: string, line: FundingLine, } | { "op": "update_funding", action: string, index: number, line: FundingLine, } | { "op": "delete_funding", action: string, index: number, } | { "op": "add_indicator", name: string, unit: string, } | { "op": "update_indicator", code: string, fields: IndicatorFields, } | { "op": "set_indicator_field", code: string, set: IndicatorField, } | { "op": "delete_indicator", code: string, } | { "op": "move_indicator", code: string, to: number, } | { "op": "link_indicator_objective", indicator: string, objective: string, linked: boolean, } | { "op": "link_indicator_action", indicator: string, action: string, linked: boolean, } | { "op": "add_measurement", indicator: string, measurement: DatedValue, } | { "op": "update_measurement", indicator: string, index: number, measurement: DatedValue, } | { "op": "delete_measurement", indicator: string, index: number, } | { "op": "add_practice", practice: Practice, } | { "op": "update_practice", index: number, practice: Practice, } | { "op": "delete_practice", index: number, } | { "op": "move_practice", index: number, to: number, };

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
 * The avis it carried.
 */
avis?: AvisReport, 
/**
 * The answers it carried.
 */
answers?: AnswersReport, 
/**
 * Why it was refused, in French (the store is unchanged), if it was.
 */
refused?: string, };

export type ConsolidationKind = "pdf" | "xlsx" | "csv";

export type ConsolidationOptions = { 
/**
 * `None`: the region; a département's code (`"60"`): the roadmaps that
 * concern it (or the whole region).
 */
departement: string | null, 
/**
 * The statuses included (by default *remise* and *validée*).
 */
statuses: Array<RoadmapStatus>, 
/**
 * Leave out entirely the roadmaps edited since their last export
 * (otherwise their last exported revision is used).
 */
without_edited: boolean, 
/**
 * Themes left out by choice.
 */
excluded_themes: Array<number>, };

export type PlanEntry = { 
/**
 * The theme's number.
 */
theme_number: number, 
/**
 * The roadmap's theme title (the catalogue's when there is no roadmap).
 */
theme_title: string, 
/**
 * The roadmap's id; `None` for a theme with no roadmap.
 */
roadmap: string | null, 
/**
 * The status of the revision that would be used.
 */
status: RoadmapStatus | null, 
/**
 * The revision that would be used (0: none).
 */
revision: number, 
/**
 * That revision's period.
 */
period: Period | null, 
/**
 * Edited since that revision.
 */
edited: boolean, 
/**
 * Taken into the documents.
 */
included: boolean, 
/**
 * Why, in French (« incluse : révision 3, remise »).
 */
reason: string, 
/**
 * Included with a period other than the document's (named in its summary).
 */
period_differs: boolean, };

export type ConsolidationPlan = { 
/**
 * « Document régional » or « Document du département Oise (60) ».
 */
title: string, 
/**
 * The options it follows.
 */
options: ConsolidationOptions, 
/**
 * Every roadmap of the store, and every theme without one, by theme.
 */
entries: Array<PlanEntry>, 
/**
 * Roadmaps included.
 */
included: number, 
/**
 * The span of the included roadmaps' periods (the cover's), if any.
 */
period: Period | null, };

export type Departement = { 
/**
 * e.g. `"59"`.
 */
code: string, 
/**
 * e.g. `"Nord"`.
 */
name: string, };

export type Role = { "kind": "animator", 
/**
 * The theme's number (1 to 15).
 */
theme: number, } | { "kind": "secretariat" };

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
region_code: string, 
/**
 * What this copy is for; none until the user said it (first run).
 */
role: Role | null, 
/**
 * The answer to propose on first run, from the roadmaps already here.
 */
suggested_role: Role | null, };

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

export type ObjectiveField = { "field": "id", "value": string } | { "field": "title", "value": string } | { "field": "text", "value": string | null } | { "field": "territories", "value": Array<string> | null };

export type ActionField = { "field": "id", "value": string } | { "field": "title", "value": string } | { "field": "text", "value": string | null } | { "field": "lead", "value": string | null } | { "field": "partners", "value": Array<string> | null } | { "field": "territories", "value": Array<string> | null } | { "field": "start", "value": string | null } | { "field": "end", "value": string | null } | { "field": "status", "value": ActionStatus } | { "field": "fte", "value": number | null };

export type IndicatorField = { "field": "id", "value": string } | { "field": "name", "value": string } | { "field": "definition", "value": string | null } | { "field": "unit", "value": string } | { "field": "direction", "value": Direction } | { "field": "baseline", "value": DatedValue | null } | { "field": "target", "value": DatedValue | null } | { "field": "source", "value": string | null } | { "field": "frequency", "value": Frequency | null };

export type Head = { 
/**
 * Revision.
 */
revision: number, 
/**
 * Region.
 */
region: Region, 
/**
 * Period.
 */
period: Period, 
/**
 * Theme.
 */
theme: Theme, 
/**
 * Status.
 */
status: RoadmapStatus, };

export type ListPatch<T> = { 
/**
 * Every id, in the new order.
 */
order: Array<string>, 
/**
 * The items added or changed (the others are as they were).
 */
items: Array<T>, };

export type RoadmapPatch = { 
/**
 * The card, when it changed.
 */
head?: Head, 
/**
 * The animators, when they changed.
 */
animators?: Array<Animator>, 
/**
 * The diagnosis, when it changed.
 */
diagnosis?: Diagnosis, 
/**
 * The objectives, when any changed or moved.
 */
objectives?: ListPatch<Objective>, 
/**
 * The actions, when any changed or moved.
 */
actions?: ListPatch<Action>, 
/**
 * The indicators, when any changed or moved.
 */
indicators?: ListPatch<Indicator>, 
/**
 * The participation, when it changed.
 */
participation?: Participation, };

export type EditReply = { 
/**
 * The version the change left (send it with the next edit).
 */
version: number, 
/**
 * What changed, to merge into the view.
 */
patch: RoadmapPatch, 
/**
 * The core's warnings after the change, all of them.
 */
warnings: Array<Warning>, 
/**
 * Edited since its last export.
 */
edited: boolean, 
/**
 * When the change was committed (RFC 3339, UTC).
 */
updated_at: string, 
/**
 * Steps that can be undone.
 */
undo_steps: number, 
/**
 * Steps that can be redone.
 */
redo_steps: number, 
/**
 * The review, when an answer changed it.
 */
review?: ReviewView, 
/**
 * Something to tell the user (the undo history was emptied, and why).
 */
notice?: string, };

export type ReviewedRevision = { 
/**
 * The roadmap's UUID.
 */
id: string, 
/**
 * The revision reviewed (≥ 1).
 */
revision: number, 
/**
 * The roadmap's theme number.
 */
theme_number: number, };

export type Reviewer = { 
/**
 * Name (person or body), not empty.
 */
name: string, 
/**
 * Organisation.
 */
organisation?: string, 
/**
 * Role.
 */
role?: string, 
/**
 * E-mail.
 */
email?: string, };

export type Decision = "validated" | "changes_requested" | "comments";

export type Severity = "blocking" | "normal";

export type Part = "header" | "diagnosis" | "objectives" | "actions" | "indicators" | "participation";

export type Target = { 
/**
 * The part.
 */
part: Part, 
/**
 * Id of the objective, action or indicator (required for those parts, absent otherwise).
 */
item?: string, 
/**
 * One of the part's fields (absent: the whole item or part).
 */
field?: string, };

export type Remark = { 
/**
 * Local id, unique in the avis.
 */
id: string, 
/**
 * What it is about.
 */
target: Target, 
/**
 * Blocking or normal.
 */
severity: Severity, 
/**
 * Light Markdown, not empty.
 */
text: string, 
/**
 * How the target read in the reviewed revision (never checked).
 */
quote?: string, };

export type Avis = { 
/**
 * UUID of this avis, for life.
 */
id: string, 
/**
 * The revision reviewed.
 */
roadmap: ReviewedRevision, 
/**
 * RFC 3339.
 */
issued_at: string, 
/**
 * Who.
 */
issued_by: Reviewer, 
/**
 * The decision.
 */
decision: Decision, 
/**
 * Light Markdown, may be empty.
 */
summary: string, 
/**
 * The remarks.
 */
remarks: Array<Remark>, };

export type AnswerState = "addressed" | "declined";

export type Answer = { 
/**
 * The avis id.
 */
avis: string, 
/**
 * The remark's local id in that avis.
 */
remark: string, 
/**
 * Addressed or declined.
 */
state: AnswerState, 
/**
 * Light Markdown; not empty when declined.
 */
text: string, };

export type TargetChoice = { 
/**
 * The target (part and item; no field).
 */
target: Target, 
/**
 * For people: « Action A2 — Réservation de logements ».
 */
label: string, 
/**
 * How the item reads (its title), for the remark's `quote`.
 */
quote: string | null, 
/**
 * The fields a remark on it may name.
 */
fields: Array<string>, };

export type AvisState = "draft" | "issued" | "received";

export type AvisOutcome = "added" | "already_imported";

export type AvisReport = { 
/**
 * The avis id.
 */
id: string, 
/**
 * The roadmap it is about.
 */
roadmap_id: string, 
/**
 * Its theme.
 */
theme_number: number, 
/**
 * The revision reviewed.
 */
revision: number, 
/**
 * The roadmap's current revision in this copy (higher: the avis is about an older one).
 */
current_revision: number, 
/**
 * The decision.
 */
decision: Decision, 
/**
 * Number of remarks, and of blocking ones.
 */
remarks: number, 
/**
 * Blocking remarks.
 */
blocking: number, 
/**
 * What happened.
 */
outcome: AvisOutcome, };

export type AnswersReport = { 
/**
 * The roadmap.
 */
roadmap_id: string, 
/**
 * The revision they travelled with.
 */
revision: number, 
/**
 * How many answers.
 */
answers: number, 
/**
 * Added, or already there.
 */
outcome: AvisOutcome, 
/**
 * Answers about an avis or a remark this copy does not hold: kept, and said so.
 */
warnings: Array<string>, };

export type HeldAnswer = { 
/**
 * The answer, as exchanged.
 */
answer: Answer, 
/**
 * The revision it travelled with (received), or none (the author's, not yet exported).
 */
revision: number | null, };

export type AvisEntry = { 
/**
 * The avis (a draft's `issued_at` is empty).
 */
avis: Avis, 
/**
 * Draft, issued here, received.
 */
state: AvisState, 
/**
 * The latest issued or received avis: it gives the review state.
 */
latest: boolean, 
/**
 * The roadmap's current revision (higher than the avis' when it is about an older one).
 */
current_revision: number, 
/**
 * The file it came from, when received.
 */
source_name?: string, };

export type RemarkState = { 
/**
 * The avis' id.
 */
avis: string, 
/**
 * The avis' decision.
 */
decision: Decision, 
/**
 * Of the latest avis (the others are superseded, still readable).
 */
latest: boolean, 
/**
 * The remark.
 */
remark: Remark, 
/**
 * What it is about, for people (« Action A2 — titre…, financement »).
 */
label: string, 
/**
 * The answer given, if any.
 */
answer?: HeldAnswer, 
/**
 * Whether its item is still in the roadmap.
 */
item_exists: boolean, 
/**
 * What changed on its item (or part) since the revision reviewed.
 */
changes: Array<Change>, };

export type ReviewView = { 
/**
 * Every avis held, oldest first (drafts last).
 */
avis: Array<AvisEntry>, 
/**
 * Every remark of every issued or received avis, with its answer.
 */
remarks: Array<RemarkState>, 
/**
 * Blocking remarks of the latest avis without an answer.
 */
open_blocking: number, };

export type ReviewSummary = { 
/**
 * The latest avis' id.
 */
avis: string, 
/**
 * Its decision.
 */
decision: Decision, 
/**
 * The revision it reviewed.
 */
reviewed_revision: number, 
/**
 * When it was issued.
 */
issued_at: string, 
/**
 * Its remarks.
 */
remarks: number, 
/**
 * Remarks with an answer.
 */
answered: number, 
/**
 * Remarks without one.
 */
open: number, 
/**
 * Blocking remarks without one.
 */
blocking_open: number, 
/**
 * The latest revision held answers this avis (it came back with answers to it).
 */
answered_by_latest: boolean, 
/**
 * Drafts being written on this roadmap.
 */
drafts: number, };

export type Suggestion = { 
/**
 * `warning` or `change`.
 */
source: string, 
/**
 * The remark's target.
 */
target: Target, 
/**
 * For people: what it is about.
 */
label: string, 
/**
 * The remark's proposed text.
 */
text: string, };

export type AvisScreen = { 
/**
 * The roadmap.
 */
roadmap_id: string, 
/**
 * Its theme.
 */
theme_number: number, 
/**
 * Its title.
 */
theme_title: string, 
/**
 * Its animators' names (its authors).
 */
animators: Array<string>, 
/**
 * Its current revision (the one a new avis reviews).
 */
current_revision: number, 
/**
 * What a remark can aim at in the current revision.
 */
targets: Array<TargetChoice>, 
/**
 * Remarks proposed from its warnings and its last diff.
 */
suggestions: Array<Suggestion>, 
/**
 * The avis and their remarks with answers.
 */
review: ReviewView, 
/**
 * Who issues avis from this copy (the settings).
 */
reviewer: Reviewer, };

export type AvisEdit = { "op": "set_decision", 
/**
 * Validated, changes requested, comments.
 */
decision: Decision, } | { "op": "set_summary", 
/**
 * Text.
 */
summary: string, } | { "op": "set_reviewer", 
/**
 * Name, organisation…
 */
reviewer: Reviewer, } | { "op": "add_remark", 
/**
 * What it is about.
 */
target: Target, 
/**
 * Blocking or normal.
 */
severity: Severity, 
/**
 * Light Markdown.
 */
text: string, } | { "op": "update_remark", 
/**
 * Its id.
 */
id: string, 
/**
 * What it is about.
 */
target: Target, 
/**
 * Blocking or normal.
 */
severity: Severity, 
/**
 * Light Markdown.
 */
text: string, } | { "op": "delete_remark", 
/**
 * Its id.
 */
id: string, } | { "op": "move_remark", 
/**
 * Its id.
 */
id: string, 
/**
 * New position (0-based).
 */
to: number, };
