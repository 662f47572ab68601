import { gzipSync } from "node:zlib";

export interface PageWeight {
  page: string;
  path: string;
  /** Every script the page loads: external files and inline scripts. */
  scripts: { url: string; bytes: number; gzipBytes: number }[];
  gzipBytes: number;
}

const SCRIPT_SRC = /<script\b[^>]*\bsrc="([^"]+)"/gi;
const MODULE_PRELOAD = /<link\b[^>]*\brel="modulepreload"[^>]*>/gi;
const HREF = /\bhref="([^"]+)"/i;
const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;
const IMPORTS = /\bimport\s*(?:\(\s*)?["']([^"']+\.js)["']/g;
const HTML_LANG = /<html\b[^>]*\blang="([^"]+)"/i;

function decodeEntities(text: string): string {
  return text.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'");
}

/**
 * The JavaScript a browser downloads for one page, as the HTML names it: script
 * sources, module preloads (React Router lists each route's whole static import
 * graph there) and imports in inline module scripts; gzipped one file at a time
 * (level 9, what a compressing proxy in front of Allies would send).
 */
export async function measurePageWeight(baseUrl: string, page: string, path: string, headers: Record<string, string>): Promise<PageWeight> {
  const response = await fetch(baseUrl + path, { headers, redirect: "manual" });
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  const html = await response.text();
  const urls = new Set<string>();
  for (const match of html.matchAll(SCRIPT_SRC)) urls.add(decodeEntities(match[1]!));
  for (const link of html.matchAll(MODULE_PRELOAD)) {
    const href = HREF.exec(link[0]);
    if (href) urls.add(decodeEntities(href[1]!));
  }
  const inline: string[] = [];
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    const code = match[1]!;
    if (!code.trim()) continue;
    inline.push(code);
    for (const imported of code.matchAll(IMPORTS)) urls.add(imported[1]!);
  }
  const scripts: PageWeight["scripts"] = [];
  const fetchScript = async (url: string) => {
    const asset = await fetch(new URL(url, baseUrl + path), { headers });
    if (!asset.ok) throw new Error(`${url} (named by ${path}) answered ${asset.status}`);
    const bytes = Buffer.from(await asset.arrayBuffer());
    scripts.push({ url, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length });
    return bytes.toString("utf8");
  };
  // The catalog of the page's language is not named by the HTML: app/entry.client.tsx
  // imports it before hydrating (decision 0046). It is counted as the page's own:
  // the chunk a script imports as "./<language>-<hash>.js".
  const language = (HTML_LANG.exec(html)?.[1] ?? "en").split("-")[0]!;
  const catalogImport = new RegExp(`\\bimport\\(\\s*[\`"']\\./(${language}-[\\w-]+\\.js)[\`"']`);
  let catalog: string | undefined;
  for (const url of urls) {
    const imported = catalogImport.exec(await fetchScript(url))?.[1];
    if (imported && !catalog) catalog = new URL(imported, new URL(url, baseUrl + path)).pathname;
  }
  if (!catalog) throw new Error(`${path}: no script imports the ${language} catalog`);
  await fetchScript(catalog);
  for (const [i, code] of inline.entries()) {
    const bytes = Buffer.from(code);
    scripts.push({ url: `(inline script ${i + 1})`, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length });
  }
  return { page, path, scripts, gzipBytes: scripts.reduce((sum, s) => sum + s.gzipBytes, 0) };
}
