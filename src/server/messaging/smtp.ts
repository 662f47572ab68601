import nodemailer from "nodemailer";
import { SendFailure, type Accepted, type EmailMessage, type EmailSender } from "./channels.ts";

/**
 * Email through an SMTP server (`SMTP_URL`, e.g. smtps://user:pass@mail.example.org:465)
 * with nodemailer (decision 0025). A 5xx answer is a permanent failure (the address
 * or the message is refused); a 4xx answer, a timeout or a dropped connection is
 * tried again later.
 */
export function smtpSender(url: string, timeoutMs: number): EmailSender {
  const transport = nodemailer.createTransport(url, {
    // Every wait is shorter than the worker's lease, so a hung server never outlives the claim.
    connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs,
  } as never);
  return {
    name: "smtp",
    async send(message: EmailMessage, signal: AbortSignal): Promise<Accepted> {
      if (signal.aborted) throw new SendFailure("the send was cancelled before it started", false);
      const headers: Record<string, string> = { "Content-Language": message.language };
      if (message.unsubscribeUrl) {
        headers["List-Unsubscribe"] = `<${message.unsubscribeUrl}>`;
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
      }
      try {
        const info = await transport.sendMail({
          messageId: `<${message.messageId}>`, from: message.from, to: message.to, replyTo: message.replyTo, subject: message.subject,
          text: message.text, html: message.html, headers,
        });
        return { providerId: String(info.response ?? info.messageId) };
      } catch (error) {
        const code = (error as { responseCode?: unknown }).responseCode;
        const text = error instanceof Error ? error.message : String(error);
        throw new SendFailure(text, typeof code === "number" && code >= 500 && code < 600);
      }
    },
  };
}
