import { describe, expect, it } from "vitest";
import { useTestApp } from "../support/app.ts";

// Health records must not stay behind in a browser's, a proxy's or a shared computer's cache.
const app = useTestApp();

describe("caching of what is behind sign-in", () => {
  it("answers every page, its .data, the API and downloads with Cache-Control: no-store", async () => {
    const spec1 = await app.clientFor("spec1@test.org");
    const id = app.world.participants.participant1.id;
    const answers = [
      await spec1.fetch("/participants"),
      await spec1.fetch(`/participants/${id}`),
      await spec1.fetch(`/participants/${id}.data`),
      await spec1.fetch(`/participants/${id}/plan/take-home.pdf`),
      await spec1.api("GET", `/participants/${id}`),
      await spec1.api("GET", "/participants"),
      await spec1.fetch("/participants/00000000-0000-4000-8000-000000000000"),
    ];
    for (const answer of answers) {
      expect(answer.headers.get("cache-control"), answer.url).toBe("no-store");
      await answer.arrayBuffer();
    }
    expect(answers.slice(0, 6).map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
  });
});
