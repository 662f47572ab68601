import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { apiOperations } from "./api/operations/index.ts";
import { bodyLimits, charsetOf, FORM_BODY_LIMIT, UPLOAD_BODY_LIMIT, UPLOAD_JSON_LIMIT, UPLOAD_PAGES } from "./bodies.ts";

const root = path.resolve(import.meta.dirname, "../..");

describe("body limits", () => {
  const limitFor = bodyLimits(apiOperations);

  it("lists every page whose form uploads a file, and no other", () => {
    const routes = readFileSync(path.join(root, "app/routes.ts"), "utf8");
    const uploading = readdirSync(path.join(root, "app/routes"))
      .filter((file) => readFileSync(path.join(root, "app/routes", file), "utf8").includes('encType="multipart/form-data"'))
      .map((file) => new RegExp(`route\\("([^"]+)", "routes/${file.replace(".", "\\.")}"`).exec(routes)?.[1])
      .map((address) => `/${address}`.replace(/:(\w+)/g, "{$1}"));
    expect(uploading.sort()).toEqual([...UPLOAD_PAGES].sort());
  });

  it("gives the upload limit to the upload page (and its .data) and the API's scan operations only", () => {
    expect(limitFor("POST", "/participants/p1/network/s1/consent/new")).toEqual({ bytes: UPLOAD_BODY_LIMIT, upload: true });
    expect(limitFor("POST", "/participants/p1/network/s1/consent/new.data")).toEqual({ bytes: UPLOAD_BODY_LIMIT, upload: true });
    expect(limitFor("POST", "/api/v1/participants/p1/consent-grants")).toEqual({ bytes: UPLOAD_JSON_LIMIT, upload: true });
    expect(limitFor("POST", "/api/v1/participants/p1/consent-grants/g1/renew")).toEqual({ bytes: UPLOAD_JSON_LIMIT, upload: true });
    expect(limitFor("POST", "/api/v1/participants/p1/consent-grants/g1/revoke").bytes).toBe(FORM_BODY_LIMIT);
    expect(limitFor("POST", "/sign-in").bytes).toBe(FORM_BODY_LIMIT);
    expect(limitFor("POST", "/participants/p1/network/s1/consent/new/extra").bytes).toBe(FORM_BODY_LIMIT);
    expect(apiOperations.filter((op) => op.upload).map((op) => op.operationId).sort()).toEqual(["recordConsentGrant", "renewConsentGrant"]);
  });

  it("leaves room in the API's JSON for the scan the page takes, base64-encoded", () => {
    expect(UPLOAD_JSON_LIMIT).toBeGreaterThanOrEqual(Math.ceil(UPLOAD_BODY_LIMIT / 3) * 4);
  });

  it("reads the charset of a Content-Type", () => {
    expect(charsetOf("application/json")).toBeNull();
    expect(charsetOf("application/json; charset=UTF-8")).toBe("utf-8");
    expect(charsetOf('text/plain;charset="latin1"')).toBe("latin1");
    expect(charsetOf("multipart/form-data; boundary=x; charset=iso-8859-1")).toBe("iso-8859-1");
  });
});
