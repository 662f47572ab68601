/**
 * What the message worker hands a message to. Two channels, each behind one small
 * interface so that a provider can be changed by configuration and tests can send
 * through a real SMTP server or a local fake of the text provider's HTTP API.
 *
 * A sender either resolves (the provider accepted the message) or throws a
 * `SendFailure` that says whether trying again can help.
 */

/** One email, already rendered for its reader. */
export interface EmailMessage {
  /** The outbox's own id for the message, sent as the Message-ID so a repeat is recognisable. */
  messageId: string;
  to: string;
  from: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  /** A List-Unsubscribe URL (RFC 8058) that works without signing in. */
  unsubscribeUrl?: string;
  /** The reader's language (BCP 47), for the Content-Language header. */
  language: string;
}

/** One text message: as little as possible, usually a line and a link to the person's page. */
export interface TextMessage {
  to: string;
  body: string;
  /** Sent to the provider where it supports one, so a repeat is not delivered twice. */
  idempotencyKey: string;
}

export interface Accepted {
  /** The provider's id for the message (an SMTP server's queue id, a text provider's message id). */
  providerId: string;
}

export interface EmailSender {
  readonly name: string;
  send(message: EmailMessage, signal: AbortSignal): Promise<Accepted>;
}

export interface TextSender {
  readonly name: string;
  send(message: TextMessage, signal: AbortSignal): Promise<Accepted>;
}

/** A send that did not go through. `permanent` failures are not retried (a bad address, a number that said STOP). */
export class SendFailure extends Error {
  readonly permanent: boolean;
  constructor(message: string, permanent: boolean) {
    super(message);
    this.name = "SendFailure";
    this.permanent = permanent;
  }
}
