import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** One email as a real SMTP server received it: the raw message, its headers and its decoded parts. */
export interface ReceivedEmail {
  to: string[];
  raw: string;
  header(name: string): string | null;
  /** The text and HTML parts, decoded from quoted-printable or base64. */
  text: string;
  html: string;
}

function decodePart(part: string): string {
  const split = part.indexOf("\r\n\r\n");
  const head = part.slice(0, split);
  const body = part.slice(split + 4);
  if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
    const bytes = body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, "%25"));
  }
  return body;
}

function parse(to: string[], raw: string): ReceivedEmail {
  const headerEnd = raw.indexOf("\r\n\r\n");
  const headers = raw.slice(0, headerEnd).replace(/\r\n[ \t]+/g, " ").split("\r\n");
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw.slice(0, headerEnd))?.[1];
  const parts = boundary ? raw.split(`--${boundary}`).slice(1, -1) : [raw];
  const find = (type: string) => {
    const part = parts.find((p) => new RegExp(`content-type:\\s*${type}`, "i").test(p));
    return part ? decodePart(part.replace(/^\r\n/, "")) : "";
  };
  return {
    to, raw, text: find("text/plain"), html: find("text/html"),
    header(name) {
      const line = headers.find((h) => h.toLowerCase().startsWith(`${name.toLowerCase()}:`));
      return line ? line.slice(name.length + 1).trim() : null;
    },
  };
}

/**
 * A real SMTP server on a free local port for one test file. `answer` decides how
 * it answers each message (accept, or an SMTP error code with its text), so a test
 * can make the mail server refuse for a while.
 */
export async function startSmtpServer() {
  const received: ReceivedEmail[] = [];
  let answer: () => { code: number; text: string } | null = () => null;
  let delayMs = 0;
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ["STARTTLS"], logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => setTimeout(() => {
        const refusal = answer();
        if (refusal) {
          const error = Object.assign(new Error(refusal.text), { responseCode: refusal.code });
          return callback(error);
        }
        received.push(parse(session.envelope.rcptTo.map((r) => r.address), Buffer.concat(chunks).toString("utf8")));
        callback();
      }, delayMs));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** From now on, answer each message this way (null: accept). */
    answerWith(next: () => { code: number; text: string } | null) { answer = next; },
    /** Take this long over each message before answering (a slow mail server; a window for a crash mid-send). */
    slowBy(ms: number) { delayMs = ms; },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
