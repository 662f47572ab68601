import { describe, expect, it } from "vitest";
import { splitForWrites, WRITE_PARTICIPANTS } from "./seed.ts";

describe("splitForWrites", () => {
  it("keeps the write scenario's participants apart from the ones the pages read", () => {
    const ids = Array.from({ length: 20 }, (_, i) => `p${i}`);
    const { participantIds, writeParticipantIds } = splitForWrites(ids);
    expect(writeParticipantIds).toEqual(ids.slice(-WRITE_PARTICIPANTS));
    expect(participantIds).toEqual(ids.slice(0, -WRITE_PARTICIPANTS));
    expect(participantIds.filter((id) => writeParticipantIds.includes(id))).toEqual([]);
  });

  it("lets a caseload too small to split serve both", () => {
    expect(splitForWrites(["a", "b"])).toEqual({ participantIds: ["a", "b"], writeParticipantIds: ["a", "b"] });
  });
});
