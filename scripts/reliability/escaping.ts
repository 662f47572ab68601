import { chromium } from "playwright-core";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "./harness.ts";
import type { Caller } from "./http.ts";
import type { Results } from "./report.ts";

const AREA = "escaping";

/** Each payload sets window.__alliesXss (or opens a dialog) if the page ever treats it as markup. */
const PARTICIPANT = {
  firstName: `<img src=x onerror="window.__alliesXss='firstName'">`,
  lastName: `</title><script>window.__alliesXss='lastName'</script>`,
  preferredName: `"><svg onload="window.__alliesXss='preferredName'">`,
  workGoal: `<iframe srcdoc="<script>parent.__alliesXss='workGoal'</script>"></iframe>`,
  strengths: `{{constructor.constructor('window.__alliesXss=1')()}} <b onmouseover="alert(1)">bold?</b>`,
  interests: `javascript:alert('interests') <a href="javascript:alert(1)">link</a>`,
};
const SUPPORT = {
  name: `<script>window.__alliesXss='support'</script>Sam`,
  notes: `<img src=x onerror="window.__alliesXss='notes'"> ' " & < >`,
};
const SEARCH = `"><script>window.__alliesXss='q'</script>`;

const MARKUP_SELECTOR = 'img[src="x"], svg[onload], iframe[srcdoc], a[href^="javascript"], b[onmouseover]';

/**
 * Payloads stored through the API and rendered back in pages, checked in Chromium:
 * no script runs, no element is made from them, and the text shows as typed.
 */
export async function checkEscaping(results: Results, database: string, baseUrl: string, owner: Caller): Promise<void> {
  const created = await owner.api("POST", "/participants", PARTICIPANT);
  if (created.status !== 201) {
    results.record(AREA, database, "store payloads through the API", false, `answered ${created.status}: ${created.text.slice(0, 200)}`);
    return;
  }
  const id = created.json.id as string;
  const person = await owner.api("POST", `/participants/${id}/support-persons`, { ...SUPPORT, relationshipKind: "friend", closeness: "friends" });
  const personId = person.status === 201 ? (person.json.id as string) : null;

  const pages: { path: string; shows: string[] }[] = [
    { path: "/participants", shows: [PARTICIPANT.lastName] },
    { path: `/participants?q=${encodeURIComponent(SEARCH)}`, shows: [] },
    { path: `/participants/${id}`, shows: [PARTICIPANT.firstName, PARTICIPANT.workGoal] },
    { path: `/participants/${id}/network`, shows: personId ? [SUPPORT.name] : [] },
  ];
  if (personId) pages.push({ path: `/participants/${id}/network/${personId}`, shows: [SUPPORT.name] });

  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS.filter((f) => f !== "--headless=new") });
  try {
    const context = await browser.newContext();
    await context.addCookies([{ name: "allies_session", value: owner.session!, url: baseUrl }]);
    for (const { path, shows } of pages) {
      const page = await context.newPage();
      const dialogs: string[] = [];
      const violations: string[] = [];
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      page.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text().slice(0, 120));
      });
      const response = await page.goto(baseUrl + path, { waitUntil: "load" });
      await page.waitForTimeout(300);
      await page.hover("body").catch(() => undefined);
      const state = await page.evaluate((selector) => ({
        xss: (window as unknown as { __alliesXss?: unknown }).__alliesXss ?? null,
        markup: [...document.querySelectorAll(selector)].map((e) => e.outerHTML.slice(0, 80)),
        scripts: [...document.querySelectorAll("script")].filter((s) => s.textContent?.includes("__alliesXss") && !s.textContent.includes("__reactRouter")).length,
        text: document.body.innerText,
        title: document.title,
      }), MARKUP_SELECTOR);
      // A page may not show a field yet (a placeholder); one that shows part of a payload has altered it.
      const visible = `${state.title}\n${state.text}`;
      const altered = shows.filter((s) => !visible.includes(s.trim()) && visible.includes("alliesXss"));
      const notShown = shows.filter((s) => !visible.includes(s.trim()) && !visible.includes("alliesXss"));
      const problems = [
        response?.status() !== 200 ? `status ${response?.status()}` : "",
        state.xss !== null ? `a payload ran (${String(state.xss)})` : "",
        dialogs.length ? `a dialog opened: ${dialogs.join(", ")}` : "",
        state.markup.length ? `payload became markup: ${state.markup.join(" ")}` : "",
        state.scripts ? "a payload became a script element" : "",
        altered.length ? `text shown altered, not as typed: ${altered.map((m) => m.slice(0, 30)).join(", ")}` : "",
        violations.length ? `CSP blocked something (a payload reached the markup?): ${violations[0]}` : "",
      ].filter(Boolean);
      results.record(AREA, database, `payloads on ${path.replace(id, ":id").replace(personId ?? "-", ":personId").replace(/\?q=.*/, "?q=<payload>")}`,
        problems.length === 0, problems.join("; ") || (notShown.length ? "nothing ran (the page does not show these fields yet)" : "shown as text; nothing ran"));
      await page.close();
    }
  } finally {
    await browser.close();
  }
}
