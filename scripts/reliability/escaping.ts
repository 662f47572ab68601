import { chromium } from "playwright-core";
import { fillPage, pagePaths } from "./access.ts";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "./harness.ts";
import type { Caller } from "./http.ts";
import type { Results } from "./report.ts";
import { consentTerms, day, meetingAt, payPeriod } from "./dates.ts";

const AREA = "escaping";

/**
 * Markup that runs script if a page ever treats text as HTML: each sets
 * window.__alliesXss to the field's name (or builds an element the page never
 * would), in the shapes that break naive escaping: attributes, closing tags,
 * javascript: links, event handlers and mutation-XSS nesting.
 */
const SHAPES = [
  (f: string) => `<img src=x onerror="window.__alliesXss='${f}'">`,
  (f: string) => `</title></textarea><script>window.__alliesXss='${f}'</script>`,
  (f: string) => `"><svg onload="window.__alliesXss='${f}'">`,
  (f: string) => `'><details open ontoggle="window.__alliesXss='${f}'">`,
  (f: string) => `<a href="javascript:window.__alliesXss='${f}'">${f}</a>`,
  (f: string) => `<math><mtext><table><mglyph><style><img src=x onerror="window.__alliesXss='${f}'">`,
  (f: string) => `<iframe srcdoc="<script>parent.__alliesXss='${f}'</script>"></iframe>`,
];
let shape = 0;
const payload = (field: string) => SHAPES[shape++ % SHAPES.length]!(field);

const MARKUP_SELECTOR = 'img[src="x"], svg[onload], iframe[srcdoc], a[href^="javascript"], details[ontoggle], mglyph, b[onmouseover]';

/** Stores a payload in every free-text field a page shows, through the API; returns the record ids and what was stored where. */
async function storePayloads(owner: Caller) {
  const shown = new Map<string, string>();
  const put = (field: string) => {
    const value = payload(field);
    shown.set(field, value);
    return value;
  };
  const made = async (what: string, method: string, path: string, body: unknown, status = 201) => {
    const answer = await owner.api(method, path, body);
    if (answer.status !== status) throw new Error(`storing payloads in a ${what} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
    return answer.json;
  };
  const participant = await made("participant", "POST", "/participants", {
    firstName: put("firstName"), lastName: put("lastName"), preferredName: put("preferredName"), workGoal: put("workGoal"), strengths: put("strengths"), interests: put("interests"),
  });
  const base = `/participants/${participant.id}`;
  const person = await made("support person", "POST", `${base}/support-persons`, { name: put("supportName"), notes: put("supportNotes"), relationshipKind: "friend", closeness: "friends" });
  const grant = await made("consent", "POST", `${base}/consent-grants`, {
    supportPersonId: person.id, categories: ["employment_goals"], purpose: put("consentPurpose"), mayAttendMeetings: true, mayReceivePlan: true,
    ...consentTerms(), signedMethod: "in_app", signatureName: "Signed Name", participantConfirmed: true,
  });
  // A title that tries to add a line of its own to the calendar file.
  const icsTitle = `${put("meetingTitle")}\r\nATTENDEE:mailto:intruder@example.org`;
  const meeting = await made("meeting", "POST", `${base}/meetings`, {
    kind: "support", title: icsTitle, scheduledAt: meetingAt(7), place: put("meetingPlace"), agenda: [put("agendaItem")], inviteeIds: [person.id],
  });
  await made("meeting entry", "POST", `${base}/meetings/${meeting.id}/entries`, { kind: "strength", text: put("entryText"), clientKey: `escaping-${meeting.id}` }, 200);
  // The running meeting shows what was said at the step it is on: the strengths.
  await made("meeting step", "PUT", `${base}/meetings/${meeting.id}/step`, { step: 1 }, 200);
  await made("concern", "POST", `${base}/concerns`, { type: "other", description: put("concernDescription"), mitigationPlan: put("concernPlan") });
  await made("plan item", "POST", `${base}/plan-items`, { kind: "rides", description: put("planDescription"), provider: "support_person", supportPersonId: person.id, notes: put("planNotes"), sharedWithSupports: true });
  const milestone = await made("milestone", "POST", `${base}/milestones`, { kind: "interview", occurredOn: day(-10), note: put("milestoneNote") });
  await made("encouragement", "POST", `${base}/encouragement-notes`, { text: put("encouragementText"), fromLabel: put("encouragementFrom"), milestoneId: milestone.id });
  await made("referral", "POST", `${base}/benefits/referrals`, { referredOn: day(-20), counselorName: put("counselorName"), organization: put("counselorOrganization"), notes: put("referralNotes") });
  await made("pay stub", "POST", `${base}/benefits/pay-stubs`, { ...payPeriod(), gross: 100, employer: put("employer") });
  // A meeting under way can no longer be edited: the edit page is checked on a second one, still planned, with the same payloads.
  const planned = await made("planned meeting", "POST", `${base}/meetings`, {
    kind: "support", title: icsTitle, scheduledAt: meetingAt(8), place: put("meetingPlace"), agenda: [put("agendaItem")], inviteeIds: [person.id],
  });
  const note = await made("contact note", "POST", `${base}/contact-notes`, { contactedOn: day(-3), method: "phone", withParticipant: true, summary: put("contactSummary"), discloses: ["employment_goals"] });
  const job = await made("job", "POST", `${base}/jobs`, { employer: put("jobEmployer"), title: put("jobTitle"), startedOn: day(-10), competitive: true, integrated: true });
  const records: Record<string, string> = { id: participant.id, personId: person.id, grantId: grant.id, meetingId: meeting.id, noteId: note.id, jobId: job.id };
  return { records, plannedMeetingId: planned.id as string, shown, icsPath: `${base}/meetings/${meeting.id}/invitees/${person.id}.ics` };
}

/**
 * Payloads stored through the API and rendered back in every participant page of
 * the route config, checked in Chromium: no script runs, no element is made from
 * them, and whatever a page shows of them shows as typed.
 */
export async function checkEscaping(results: Results, database: string, baseUrl: string, owner: Caller): Promise<void> {
  const { records, plannedMeetingId, shown, icsPath } = await storePayloads(owner);
  const search = `"><script>window.__alliesXss='q'</script>`;
  // Documents (PDFs, the calendar file, the FHIR and CSV exports, a consent's scan) are downloads, not pages.
  const pages = [
    "/participants", `/participants?q=${encodeURIComponent(search)}`,
    ...pagePaths().filter((p) => p.startsWith("/participants/:id") && !/\.(pdf|ics|json|csv)$|\/scan$/.test(p))
      .map((p) => fillPage(p, p.endsWith("/meetings/:meetingId/edit") ? { ...records, meetingId: plannedMeetingId } : records)),
  ];
  const label = (path: string) => Object.entries(records).reduce((p, [name, id]) => p.split(id).join(`:${name}`), path).replace(/\?q=.*/, "?q=<payload>").replace(/\?(?!q=).*/, "?<query>");
  const everShown = new Set<string>();

  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS.filter((f) => f !== "--headless=new") });
  try {
    const context = await browser.newContext();
    await context.addCookies([{ name: "allies_session", value: owner.session!, url: baseUrl }, { name: "allies_csrf", value: owner.csrf, url: baseUrl }]);
    for (const path of pages) {
      const page = await context.newPage();
      const dialogs: string[] = [];
      const violations: string[] = [];
      const errors: string[] = [];
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      page.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text().slice(0, 120));
      });
      page.on("pageerror", (error) => errors.push(error.message.slice(0, 120)));
      const response = await page.goto(baseUrl + path, { waitUntil: "load" });
      await page.waitForTimeout(250);
      await page.hover("body").catch(() => undefined);
      const state = await page.evaluate((selector) => ({
        xss: (window as unknown as { __alliesXss?: unknown }).__alliesXss ?? null,
        markup: [...document.querySelectorAll(selector)].map((e) => e.outerHTML.slice(0, 80)),
        scripts: [...document.querySelectorAll("script")].filter((s) => s.textContent?.includes("__alliesXss") && !s.textContent.includes("__reactRouter")).length,
        text: `${document.title}\n${document.body.innerText}\n${[...document.querySelectorAll("input, textarea")].map((e) => (e as HTMLInputElement).value).join("\n")}`,
      }), MARKUP_SELECTOR);
      const showsWhole = [...shown].filter(([, value]) => state.text.includes(value)).map(([field]) => field);
      for (const field of showsWhole) everShown.add(field);
      // Part of a payload on the page without the whole of it: the text was altered on the way (unescaped and half-parsed).
      const altered = [...shown].filter(([field, value]) => !showsWhole.includes(field) && state.text.includes(`__alliesXss='${field}'`) && !state.text.includes(value)).map(([field]) => field);
      const problems = [
        response?.status() !== 200 ? `status ${response?.status()}` : "",
        state.xss !== null ? `a payload ran (${String(state.xss)})` : "",
        dialogs.length ? `a dialog opened: ${dialogs.join(", ")}` : "",
        state.markup.length ? `payload became markup: ${state.markup.join(" ")}` : "",
        state.scripts ? "a payload became a script element" : "",
        altered.length ? `shown altered, not as typed: ${altered.join(", ")}` : "",
        violations.length ? `CSP blocked something (a payload reached the markup?): ${violations[0]}` : "",
        errors.length ? `a script error: ${errors[0]}` : "",
      ].filter(Boolean);
      results.record(AREA, database, `payloads on ${label(path)}`, problems.length === 0,
        problems.join("; ") || (showsWhole.length ? `${showsWhole.length} shown as text (${showsWhole.slice(0, 4).join(", ")}${showsWhole.length > 4 ? ", ..." : ""}); nothing ran` : "shows none of them; nothing ran"));
      await page.close();
    }
  } finally {
    await browser.close();
  }

  // The suite must reach the text it planted: a field no page shows is a field this check never tested.
  const neverShown = [...shown.keys()].filter((field) => !everShown.has(field));
  results.record(AREA, database, "every planted payload is shown by some page", neverShown.length === 0,
    neverShown.length ? `never shown: ${neverShown.join(", ")}` : `${shown.size} fields, each shown as typed somewhere`);

  const ics = await owner.raw(icsPath);
  const injected = ics.text.split(/\r?\n/).filter((line) => line.startsWith("ATTENDEE:mailto:intruder"));
  results.record(AREA, database, "a meeting title cannot add lines to the calendar file", ics.status === 200 && injected.length === 0,
    ics.status !== 200 ? `the .ics answered ${ics.status}` : injected.length ? `the title became a line of its own: ${injected[0]}` : "line breaks in the title are escaped");
}
