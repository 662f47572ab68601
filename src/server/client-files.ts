import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import express, { type NextFunction, type Request, type Response } from "express";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Text a compressor shrinks; fonts and images are compressed already. */
const COMPRESSIBLE = new Set([".js", ".mjs", ".css", ".svg", ".json", ".map", ".txt", ".xml", ".html"]);
// Under this, the headers cost about what compression saves.
const MIN_BYTES = 1024;

type Encoding = "br" | "gzip";

/** The best encoding the request accepts: brotli, then gzip, else none (RFC 9110 §12.5.3). */
export function preferredEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const quality = q ? Number(q.slice(2)) : 1;
    if (name) accepted.set(name, Number.isFinite(quality) ? quality : 0);
  }
  const quality = (name: Encoding) => accepted.get(name) ?? accepted.get("*") ?? 0;
  if (quality("br") > 0 && quality("br") >= quality("gzip")) return "br";
  if (quality("gzip") > 0) return "gzip";
  return null;
}

/**
 * The client build's files, for the production server.
 *
 * - `/assets/*` are content-hashed and never change while the server runs, so each
 *   text file is compressed once (brotli at its best level, and gzip), in the
 *   background from startup, and served from memory to every browser that accepts
 *   it. Uncompressed, a page cost a phone on a slow link about 440 kB of JavaScript
 *   before its first paint.
 * - The few other files of the build (a favicon, robots.txt) are served by name
 *   only, so a page request does not cost a file-system lookup first.
 */
export function clientFiles(clientDir: string): express.Router {
  const router = express.Router();
  const assetsDir = path.join(clientDir, "assets");
  const compressed = new Map<string, Promise<{ br: Buffer; gzip: Buffer } | null>>();
  let assets: string[] = [];
  try {
    assets = readdirSync(assetsDir, { recursive: true, encoding: "utf8" }).filter((name) => statSync(path.join(assetsDir, name)).isFile());
  } catch {
    assets = [];
  }
  // One file at a time, so startup work never takes more than one thread-pool thread.
  let queue: Promise<unknown> = Promise.resolve();
  for (const name of assets) {
    if (!COMPRESSIBLE.has(path.extname(name))) continue;
    const file = path.join(assetsDir, name);
    const source = readFileSync(file);
    if (source.length < MIN_BYTES) continue;
    const job = queue.then(async () => {
      try {
        const [br, gz] = await Promise.all([
          brotli(source, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length } }),
          gzip(source, { level: 9 }),
        ]);
        return { br, gzip: gz };
      } catch {
        return null;
      }
    });
    queue = job;
    compressed.set(`/${name.split(path.sep).join("/")}`, job);
  }

  router.use("/assets", async (req: Request, res: Response, next: NextFunction) => {
    const job = req.method === "GET" || req.method === "HEAD" ? compressed.get(req.path) : undefined;
    const encoding = job ? preferredEncoding(req.headers["accept-encoding"]) : null;
    if (!job || !encoding) return next();
    const variants = await job;
    if (!variants) return next();
    const body = variants[encoding];
    res.setHeader("Vary", "Accept-Encoding");
    res.setHeader("Content-Encoding", encoding);
    res.setHeader("Content-Length", String(body.length));
    res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
    res.type(path.extname(req.path));
    if (req.method === "HEAD") res.end();
    else res.end(body);
  });
  router.use("/assets", express.static(assetsDir, { immutable: true, maxAge: "1y", index: false }));

  const topLevel = new Set(readdirSync(clientDir).filter((name) => name !== "assets"));
  const others = express.static(clientDir, { maxAge: "1h", index: false });
  router.use((req: Request, res: Response, next: NextFunction) => {
    const first = req.path.split("/")[1] ?? "";
    let name = first;
    try {
      name = decodeURIComponent(first);
    } catch {
      return next();
    }
    if (topLevel.has(name)) return others(req, res, next);
    next();
  });
  return router;
}
