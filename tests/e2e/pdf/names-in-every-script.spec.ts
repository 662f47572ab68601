import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { expect, test } from "../fixtures/test.ts";
import { notdefGlyphs, pdfText } from "../../support/pdf-text.ts";

// Issue 13: the demo participant Minh Khai Nguyễn is found by typing "nguyen", and
// the take-home PDF draws the Arabic and Chinese names of the people who help. The
// PDF is drawn in Chromium by pdf.js (served from a test-only origin) and its first
// page kept as a screenshot with the test's results.

const PDFJS = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
const VIEWER = "https://pdf-viewer.test";
const NAMES = ["Nguyễn", "فاطمة الزهراء", "王秀英"];

test("the take-home PDF shows an Arabic, a Chinese and a Vietnamese name as written", async ({ page, signIn }, testInfo) => {
  // Going from the app to the viewer makes Chromium ask the app for a favicon, which it has none of.
  await page.context().route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await signIn("specialist@example.org");
  await page.goto("/participants");
  await page.getByRole("searchbox", { name: "Search by name" }).fill("nguyen");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: "Nguyễn, Minh Khai" }).click();
  await page.waitForURL(/\/participants\/[^/?]+$/);
  const id = new URL(page.url()).pathname.split("/")[2];

  const response = await page.request.get(`/participants/${id}/plan/take-home.pdf`);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  const bytes = await response.body();
  const text = await pdfText(bytes);
  for (const name of NAMES) expect(text).toContain(name);
  expect(notdefGlyphs(bytes)).toBe(0);

  // pdf.js in the browser: the page drawn on a canvas, and the words it reads back.
  await page.route(`${VIEWER}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === "/") {
      return route.fulfill({ contentType: "text/html", body: `<!doctype html><html lang="en"><head><title>PDF</title><link rel="icon" href="data:,"></head><body><main><canvas aria-label="The PDF's first page"></canvas></main>
<script type="module">
import * as pdfjs from "/pdf.mjs";
pdfjs.GlobalWorkerOptions.workerSrc = "/pdf.worker.mjs";
window.drawPdf = async (base64) => {
  const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const pdf = await pdfjs.getDocument({ data }).promise;
  const first = await pdf.getPage(1);
  const viewport = first.getViewport({ scale: 1.5 });
  const canvas = document.querySelector("canvas");
  canvas.width = viewport.width;
  canvas.height = viewport.height;
  await first.render({ canvas, viewport }).promise;
  return (await first.getTextContent()).items.map((item) => item.str).join(" ");
};
</script></body></html>` });
    }
    return route.fulfill({ contentType: "text/javascript", body: await readFile(join(PDFJS, "build", path.slice(1))) });
  });
  await page.goto(`${VIEWER}/`);
  await page.waitForFunction(() => "drawPdf" in window);
  const drawnText = await page.evaluate(async (base64) => (window as unknown as { drawPdf: (b: string) => Promise<string> }).drawPdf(base64), bytes.toString("base64"));
  for (const name of NAMES) expect(drawnText).toContain(name);

  const screenshot = await page.locator("canvas").screenshot({ path: testInfo.outputPath("take-home-names.png") });
  await testInfo.attach("take-home PDF, first page", { body: screenshot, contentType: "image/png" });
});
