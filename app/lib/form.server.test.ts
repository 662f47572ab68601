import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkbox, optionalText } from "../../src/domain/schema-fields.ts";
import { parseForm, readForm } from "./form.server.ts";

const root = path.resolve(import.meta.dirname, "../..");
const PARSER = path.join("app", "lib", "form.server.ts");

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

function post(body: [string, string][]): Request {
  return new Request("http://localhost/", { method: "POST", body: new URLSearchParams(body) });
}

describe("the form parser", () => {
  it("is the only place a form body is read", () => {
    const readers = [...sourceFiles("app"), ...sourceFiles("src")]
      .filter((file) => file !== PARSER && /\.formData\s*\(/.test(readFileSync(path.join(root, file), "utf8")));
    expect(readers).toEqual([]);
  });

  // Strict, as the areas' schemas are: an unknown field would fail the parse.
  const schema = z.strictObject({
    name: z.string().trim().min(1, { error: "participant.firstName.required" }),
    note: optionalText(10),
    shared: checkbox,
    people: z.array(z.string()).default([]),
  });

  it("hands the schema repeated fields as lists, ticked boxes as true, and leaves out the token and fields it does not know", async () => {
    const result = await parseForm(post([["_csrf", "t"], ["intent", "save"], ["name", " Ana "], ["note", ""], ["shared", "on"], ["people", "a"], ["people", "b"]]), schema);
    expect(result).toMatchObject({ ok: true, data: { name: "Ana", note: null, shared: true, people: ["a", "b"] } });
  });

  it("keeps a list a list when one box is ticked or none, and an unticked box false", async () => {
    const one = await parseForm(post([["name", "Ana"], ["people", "a"]]), schema);
    expect(one).toMatchObject({ ok: true, data: { shared: false, people: ["a"] }, chosen: { people: ["a"] } });
    const none = await parseForm(post([["name", "Ana"]]), schema);
    expect(none).toMatchObject({ ok: true, data: { people: [] } });
  });

  it("answers each field's first problem as a message key, with what was sent", async () => {
    const result = await parseForm(post([["_csrf", "t"], ["name", " "], ["note", "far too long a note"], ["people", "a"]]), schema);
    expect(result).toEqual({
      ok: false,
      errors: { name: "participant.firstName.required", note: "common.tooLong" },
      values: { name: " ", note: "far too long a note", people: "a" },
      chosen: { name: [" "], note: ["far too long a note"], people: ["a"] },
    });
  });

  it("answers 400, not 500, to a body that is not a readable form", async () => {
    const broken = new Request("http://localhost/", {
      method: "POST", body: "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x\r\nbroken",
      headers: { "content-type": "multipart/form-data; boundary=x" },
    });
    const refused = await readForm(broken).then(() => null, (error: unknown) => error);
    expect(refused).toMatchObject({ init: { status: 400 }, data: { message: "error.body.unreadable" } });
  });
});
