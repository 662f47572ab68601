import { describe, expect, it } from "vitest";
import { actorForApiToken, createApiToken } from "../../src/domain/auth/api-tokens.server.ts";
import { loadActor } from "../../src/domain/auth/sessions.server.ts";
import { LOCALES, translate } from "../../src/i18n/index.ts";
import { useTestApp } from "../support/app.ts";

// The language of the pages is each staff member's choice on their profile; every
// request (page, API, token) reads it from their account.
const app = useTestApp();

async function storedLocale(userId: string): Promise<string> {
  return (await app.database.db.selectFrom("users").select("locale").where("id", "=", userId).executeTakeFirstOrThrow()).locale;
}

function languageOptions(html: string): string[] {
  const select = /<select[^>]*name="locale"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? "";
  return [...select.matchAll(/<option[^>]*value="([^"]*)"/g)].map((m) => m[1]!);
}

describe("the profile's language setting", () => {
  it("offers only the languages that have a catalog, each named in its own language", async () => {
    const spec1 = await app.clientFor("spec1@test.org");
    const html = await (await spec1.fetch("/profile")).text();
    expect(languageOptions(html)).toEqual([...LOCALES]);
    for (const name of ["English", "Español"]) expect(html).toContain(`>${name}</option>`);
  });

  it("is saved, audited, and read by the next page, API and token request", async () => {
    const { specialist1 } = app.world.users;
    // A code whose catalog is gone (or a hand-edited row) reads as English rather than failing.
    await app.database.db.updateTable("users").set({ locale: "xx" }).where("id", "=", specialist1.id).execute();
    expect((await loadActor(app.database.db, specialist1.id))?.locale).toBe("en");
    const spec1 = await app.clientFor("spec1@test.org");
    expect(await (await spec1.fetch("/profile")).text()).toContain('<html lang="en">');

    const seq = await app.lastSeq();
    const saved = await spec1.postForm("/profile/language", { locale: "en" });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe("/profile?language=saved#language");
    expect(await storedLocale(specialist1.id)).toBe("en");
    const audit = await app.database.db.selectFrom("audit_log").select(["action", "entity_id", "details"]).where("seq", ">", seq).execute();
    expect(audit.map((row) => [row.action, row.entity_id, JSON.parse(row.details)])).toEqual([["user.change_language", specialist1.id, { from: "xx", to: "en" }]]);

    const page = await (await spec1.fetch("/profile?language=saved")).text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain("Language saved.");
    expect(page).toMatch(/<option value="en" selected="">English<\/option>/);
    expect((await loadActor(app.database.db, specialist1.id))?.locale).toBe("en");
    const { token } = await createApiToken(app.database.db, app.world.actors.specialist1, "language check", { ip: null, requestId: null });
    expect((await actorForApiToken(app.database.db, token))?.locale).toBe("en");

    // Saving the language already chosen changes nothing and writes no audit row.
    const again = await app.lastSeq();
    expect((await spec1.postForm("/profile/language", { locale: "en" })).status).toBe(302);
    expect(await app.lastSeq()).toBe(again);
  });

  it("refuses a language without a catalog, says why, and keeps the one chosen", async () => {
    const spec1 = await app.clientFor("spec1@test.org");
    for (const locale of ["fr", "", "en-US", "en-XA"]) {
      const refused = await spec1.postForm("/profile/language", { locale });
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain("Choose one of the languages listed.");
    }
    expect(await storedLocale(app.world.users.specialist1.id)).toBe("en");
  });

  it("answers API field errors in the reader's language", async () => {
    const spec1 = await app.clientFor("spec1@test.org");
    const response = await spec1.api("POST", "/participants", { firstName: "" });
    expect(response.status).toBe(400);
    const body = await response.json();
    const firstName = body.error.fields.find((f: { path: string }) => f.path === "firstName");
    expect(firstName.message).toBe(translate("en", "participant.firstName.required"));
  });
});
