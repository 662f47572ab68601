import { readFileSync } from "node:fs";
import { expect, test } from "../fixtures/test.ts";
import { api } from "../fixtures/api.ts";

// The FHIR export from the participant's page (issue 16 §3, decision 0043): the
// specialist finds the section, downloads the file, and it is a FHIR Bundle; the page
// passes axe and fits a 360 px phone.

test.setTimeout(120_000);

test("a specialist downloads a participant's record as FHIR for the health record", async ({ page, signIn, checkA11y }) => {
  await signIn("specialist@example.org");
  await page.goto("/");
  const participant = await api(page, "POST", "/participants", { firstName: "Robin", lastName: `Fhir-${Date.now().toString(36)}`, workGoal: "Work at the library" });
  await page.goto(`/participants/${participant.id}`);
  const section = page.getByRole("region", { name: "Health record (FHIR)" });
  await expect(section).toBeVisible();
  await checkA11y();

  const downloading = page.waitForEvent("download");
  await section.getByRole("button", { name: "Download the FHIR file" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^participant-\d{4}-\d{2}-\d{2}\.fhir\.json$/);
  const bundle = JSON.parse(readFileSync(await download.path(), "utf8")) as { resourceType: string; type: string; entry: { resource: { resourceType: string; description?: { text: string } } }[] };
  expect(bundle).toMatchObject({ resourceType: "Bundle", type: "collection" });
  expect(bundle.entry.find((e) => e.resource.resourceType === "Goal")?.resource.description).toEqual({ text: "Work at the library" });

  await page.setViewportSize({ width: 360, height: 740 });
  await section.scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
