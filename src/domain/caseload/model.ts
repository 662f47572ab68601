import { z } from "zod";

/** How many participants one move may name; a whole caseload is moved with `all`. */
export const MOVE_LIST_MAX = 500;

/**
 * One move of a caseload: every participant of the specialist leaving (`all`), or
 * the ones chosen. The same schema reads the page's form, the API body and the CLI.
 */
export const caseloadMoveSchema = z.strictObject({
  toSpecialistId: z.string().trim().min(1, { error: "caseloadMove.to.required" }).max(100, { error: "caseloadMove.to.required" }),
  which: z.enum(["all", "chosen"], { error: "caseloadMove.which.required" }).default("all"),
  participantIds: z.array(z.string().trim().min(1).max(100)).max(MOVE_LIST_MAX).default([]),
}).refine((m) => m.which === "all" || m.participantIds.length > 0, { error: "caseloadMove.participants.required", path: ["participantIds"] });
export type CaseloadMove = z.infer<typeof caseloadMoveSchema>;

/** A staff member as a caseload move sees them. */
export interface SpecialistPlace {
  id: string;
  teamId: string | null;
  role: string;
  active: boolean;
}

export type MoveResult =
  | { ok: true; moved: string[]; messagesReaddressed: number }
  | { ok: false; reason: "not_found" | "invalid_target" | "nothing_to_move" };
