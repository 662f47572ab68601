import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path.ts";

describe("where sign-in leads next", () => {
  it("follows a path on this site, with its query", () => {
    expect(safeNextPath("/participants/abc/plan?saved=1")).toBe("/participants/abc/plan?saved=1");
    expect(safeNextPath(null)).toBe("/participants");
  });

  it("never leads to another site, whatever a browser would make of it", () => {
    for (const next of ["//evil.example", "/\t/evil.example", "/\\evil.example", "/%09/evil.example", "https://evil.example/", "/\n/x", "/\r\n/x", "javascript:alert(1)", " /x"]) {
      const decoded = next.includes("%") ? decodeURIComponent(next) : next;
      expect(safeNextPath(decoded), JSON.stringify(next)).toBe("/participants");
    }
  });

  it("gives back, for any text, a same-site path fit for a Location header (property)", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 60 }), (text) => {
      const next = safeNextPath(`/${text}`);
      expect(next.startsWith("/")).toBe(true);
      expect(next.startsWith("//")).toBe(false);
      expect(next).not.toMatch(/[\u0000-\u001f\u007f\\]/);
      expect(new URL(next, "https://allies.invalid").origin).toBe("https://allies.invalid");
      expect(() => new Headers({ location: next })).not.toThrow();
    }));
  });
});
