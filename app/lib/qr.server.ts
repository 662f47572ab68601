import QRCode from "qrcode";

/**
 * A QR code of a personal link, as an SVG data URL for an <img> (the page's
 * Content-Security-Policy allows data: images). Made on the server so the
 * printed card works without JavaScript. Medium error correction survives a
 * crease or a smudge on a paper copy.
 */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}
