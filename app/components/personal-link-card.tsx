import { formatDate } from "../../src/i18n/format.ts";
import type { Translate } from "../../src/i18n/index.ts";
import type { MessageChannel } from "../../src/domain/messages/model.ts";
import { RadioGroup } from "./forms.tsx";

/** A personal link just made, as its printed card shows it: the only time its address exists outside the person's hands. */
export interface IssuedLinkCard {
  href: string;
  /** The QR code of `href`, as a data URL (app/lib/qr.server.ts). */
  qr: string;
  expiresAt: string;
}

/**
 * The card printed for a support person: their page's address and its QR code,
 * on the support person's page, the take-home copy and (later) the invitation.
 */
export function PersonalLinkCard({ t, link, participantName }: { t: Translate; link: IssuedLinkCard; participantName: string }) {
  return (
    <div className="link-card" data-testid="personal-link">
      <h3>{t("links.printout.heading", { participant: participantName })}</h3>
      <p>{t("links.printout.body")}</p>
      <img src={link.qr} alt={t("links.qr.alt")} width={192} height={192} />
      <p className="token">{link.href}</p>
      <p>{t("links.expiresOn")}: {formatDate(link.expiresAt, t.locale)}</p>
    </div>
  );
}

/**
 * How a new link reaches its holder (decision 0032): printed or read out, or sent
 * by the channel they chose. Without a channel it can only be printed, and the
 * page says why.
 */
export function LinkDeliveryChoice({ t, channel, errors, prefix }: { t: Translate; channel: MessageChannel | null; errors?: Record<string, string>; prefix?: string }) {
  if (!channel) return <p className="hint">{t("links.send.noChannel")}</p>;
  return (
    <RadioGroup name="delivery" prefix={prefix} label={t("links.send.legend")} errors={errors} defaultValue="print"
      options={[{ value: "print", label: t("links.send.print") }, { value: "message", label: t("links.send.message", { channel }) }]} />
  );
}
