// Merging an edit's reply into the editor's view: the store sends what
// changed (a patch), not the whole roadmap. Items that did not change keep
// their identity, so memoised rows do not render again.
import type { EditReply, ListPatch, RoadmapView } from "./api";

function mergeList<T extends { id: string }>(base: T[], patch: ListPatch<T> | undefined): T[] {
  if (!patch) return base;
  const byId = new Map<string, T>();
  for (const item of base) byId.set(item.id, item);
  for (const item of patch.items) byId.set(item.id, item);
  return patch.order.map((id) => {
    const item = byId.get(id);
    if (!item) throw new Error(`élément « ${id} » absent de la réponse`);
    return item;
  });
}

/** The view after an edit, an undo or a redo. */
export function mergeReply(view: RoadmapView, reply: EditReply): RoadmapView {
  const p = reply.patch;
  const r = view.roadmap;
  const roadmap = {
    ...r,
    ...(p.head ?? {}),
    animators: p.animators ?? r.animators,
    diagnosis: p.diagnosis ?? r.diagnosis,
    objectives: mergeList(r.objectives, p.objectives),
    actions: mergeList(r.actions, p.actions),
    indicators: mergeList(r.indicators, p.indicators),
    participation: p.participation ?? r.participation,
  };
  return {
    ...view,
    roadmap,
    version: reply.version,
    warnings: reply.warnings,
    edited: reply.edited,
    updated_at: reply.updated_at,
    undo_steps: reply.undo_steps,
    redo_steps: reply.redo_steps,
    review: reply.review ?? view.review,
    notice: reply.notice ?? undefined,
  };
}
