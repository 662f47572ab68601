import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "../../scripts/reliability/harness.ts";

export interface LighthouseScores {
  page: string;
  path: string;
  performance: number | null;
  accessibility: number | null;
  /** Accessibility audits that failed, so a score under 100 says why. */
  failedAccessibilityAudits: string[];
  error?: string;
}

/**
 * Lighthouse's default run (mobile, simulated throttling) over each page, in
 * Debian's Chromium; a signed-in page gets the session cookie as an extra header.
 */
export async function scorePages(baseUrl: string, pages: { page: string; path: string; cookie?: string }[]): Promise<LighthouseScores[]> {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: CHROMIUM_FLAGS, logLevel: "silent" });
  const scores: LighthouseScores[] = [];
  try {
    for (const { page, path, cookie } of pages) {
      // Lighthouse now and then fails to record a trace (NO_NAVSTART, NO_FCP) on a busy machine; a second try settles it.
      let score = await scoreOne(chrome.port, baseUrl, page, path, cookie);
      if (score.error) score = await scoreOne(chrome.port, baseUrl, page, path, cookie);
      scores.push(score);
    }
  } finally {
    chrome.kill();
  }
  return scores;
}

async function scoreOne(port: number, baseUrl: string, page: string, path: string, cookie: string | undefined): Promise<LighthouseScores> {
  try {
    const result = await lighthouse(baseUrl + path, {
      port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility"],
      extraHeaders: cookie ? { Cookie: cookie } : undefined,
    });
    if (!result) throw new Error("Lighthouse returned no result");
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(lhr.runtimeError.message);
    const score = (id: string) => {
      const value = lhr.categories[id]?.score;
      return typeof value === "number" ? Math.round(value * 100) : null;
    };
    const failedAccessibilityAudits = (lhr.categories.accessibility?.auditRefs ?? [])
      .map((ref) => lhr.audits[ref.id])
      .filter((audit) => audit && audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === "binary")
      .map((audit) => `${audit!.id}: ${audit!.title}`);
    return { page, path, performance: score("performance"), accessibility: score("accessibility"), failedAccessibilityAudits };
  } catch (error) {
    return { page, path, performance: null, accessibility: null, failedAccessibilityAudits: [], error: error instanceof Error ? error.message : String(error) };
  }
}
