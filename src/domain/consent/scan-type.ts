/**
 * What a scanned consent form really is, read from its first bytes rather than
 * from the type the browser or API client declared (which anyone can set): a
 * renamed program or web page must never be stored and later served as a "PDF".
 */
export type ScanType = "application/pdf" | "image/jpeg" | "image/png";

const SIGNATURES: { type: ScanType; bytes: number[] }[] = [
  // ISO 32000-1 7.5.2: a PDF file begins with "%PDF-".
  { type: "application/pdf", bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  // JPEG: start of image (FF D8) followed by a marker (FF).
  { type: "image/jpeg", bytes: [0xff, 0xd8, 0xff] },
  // PNG: its eight-byte signature (RFC 2083 3.1).
  { type: "image/png", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

export function detectScanType(bytes: Uint8Array): ScanType | null {
  const match = SIGNATURES.find((s) => s.bytes.length <= bytes.length && s.bytes.every((b, i) => bytes[i] === b));
  return match?.type ?? null;
}

/** The declared type is kept only when the content agrees with it. */
export function scanMatchesDeclaredType(bytes: Uint8Array, declared: string): boolean {
  const real = detectScanType(bytes);
  return real !== null && real === declared.trim().toLowerCase();
}
