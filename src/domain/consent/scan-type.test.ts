import { describe, expect, it } from "vitest";
import { detectScanType, scanMatchesDeclaredType } from "./scan-type.ts";

const pdf = new TextEncoder().encode("%PDF-1.7\n...");
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const html = new TextEncoder().encode("<!doctype html><script>alert(1)</script>");

describe("a scan's real type", () => {
  it("is read from the content's first bytes", () => {
    expect(detectScanType(pdf)).toBe("application/pdf");
    expect(detectScanType(png)).toBe("image/png");
    expect(detectScanType(jpeg)).toBe("image/jpeg");
    expect(detectScanType(html)).toBeNull();
    expect(detectScanType(new Uint8Array([0x25, 0x50]))).toBeNull();
  });

  it("must agree with the declared type: a web page called a PDF, or a PNG called a JPEG, is refused", () => {
    expect(scanMatchesDeclaredType(pdf, "application/pdf")).toBe(true);
    expect(scanMatchesDeclaredType(html, "application/pdf")).toBe(false);
    expect(scanMatchesDeclaredType(png, "image/jpeg")).toBe(false);
    expect(scanMatchesDeclaredType(new Uint8Array(), "image/png")).toBe(false);
  });
});
