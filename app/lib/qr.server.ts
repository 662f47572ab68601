import QRCode from "qrcode";
import type { Db } from "../../src/db/index.ts";
import type { AuthorizedParticipant } from "../../src/domain/access/model.ts";
import type { RequestMeta } from "../../src/domain/auth/actor.ts";
import { issuePersonalLink } from "../../src/domain/links/links.server.ts";
import type { IssuedLinkCard } from "../components/personal-link-card.tsx";

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

/**
 * A new personal link for one support person, as the card printed on their copy
 * or invitation shows it; null when they may not have one (no consent). The token
 * exists only now, so the old link stops working (decision 0022).
 */
export async function issueLinkCard(db: Db, access: AuthorizedParticipant, supportPersonId: string, requestUrl: string, meta: RequestMeta): Promise<IssuedLinkCard | null> {
  const issued = await issuePersonalLink(db, access, { kind: "support_person", participantId: access.participant.id, supportPersonId }, meta);
  if (!issued.ok) return null;
  const href = new URL(issued.link.path, requestUrl).href;
  return { href, qr: await qrCodeDataUrl(href), expiresAt: issued.link.expiresAt };
}
