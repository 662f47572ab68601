import { describe, expect, it } from "vitest";
import { textReplyMeaning } from "./text-replies.ts";

describe("a reply to a text", () => {
  it("asks for no more texts with any of the usual words, however written", () => {
    for (const body of ["STOP", "stop", " Stop. ", "STOP ALL", "unsubscribe", "Cancel", "end", "QUIT", "parar", "Alto!", "¡ALTO!", "cancelar"]) {
      expect(textReplyMeaning(body)?.kind, body).toBe("stop");
    }
  });

  it("asks for texts again with START or UNSTOP", () => {
    expect(textReplyMeaning("start")).toEqual({ kind: "start", keyword: "START" });
    expect(textReplyMeaning("Unstop")).toEqual({ kind: "start", keyword: "UNSTOP" });
  });

  it("leaves any other message alone, even one that mentions stopping", () => {
    for (const body of ["Please stop by at 5", "yes", "Stop it", "I can't make it", ""]) {
      expect(textReplyMeaning(body), body).toBeNull();
    }
  });
});
