import nodemailer from 'nodemailer';
import type { Config } from '../config.js';
import { AppError } from '../http/errors.js';

/** One outgoing e-mail; `from` is always the configured MAIL_FROM. */
export interface Mail {
  to: string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export interface Mailer {
  /**
   * Hands the mail to the SMTP server. Throws `mail_not_configured` without SMTP_HOST and
   * `mail_failed` when the server cannot be reached or refuses every recipient; recipients it
   * refused while accepting others are listed in `rejected`.
   */
  send(mail: Mail): Promise<{ messageId: string; rejected: string[] }>;
  /** Whether SMTP_HOST is set, so callers can hide "send by e-mail" instead of failing. */
  readonly configured: boolean;
}

export type MailConfig = Pick<Config, 'smtpHost' | 'smtpPort' | 'smtpSecure' | 'smtpUser' | 'smtpPassword' | 'mailFrom'>;

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

/** The response code and command of a refused SMTP exchange, for the error's details. */
function smtpDetails(error: unknown): { responseCode: number | null; command: string | null; reason: string } {
  const e = error as { responseCode?: unknown; command?: unknown; message?: unknown };
  return {
    responseCode: typeof e.responseCode === 'number' ? e.responseCode : null,
    command: typeof e.command === 'string' ? e.command : null,
    reason: typeof e.message === 'string' ? e.message : String(error),
  };
}

/** A mailer over SMTP, one connection per mail (sends are rare; a pool would sit idle). */
export function createMailer(config: MailConfig): Mailer {
  const host = config.smtpHost;
  if (host === null) {
    return {
      configured: false,
      send: () => Promise.reject(new AppError('mail_not_configured')),
    };
  }
  const transport = nodemailer.createTransport({
    host,
    port: config.smtpPort,
    // false still upgrades with STARTTLS whenever the server offers it.
    secure: config.smtpSecure,
    pool: false,
    auth: config.smtpUser ? { user: config.smtpUser, pass: config.smtpPassword ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    // A relay on this machine has no certificate for "localhost"; trust it there and nowhere else.
    ...(LOCAL_HOSTS.has(host) ? { tls: { rejectUnauthorized: false } } : {}),
  });
  return {
    configured: true,
    async send(mail) {
      try {
        const info = await transport.sendMail({
          from: config.mailFrom,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          attachments: mail.attachments?.map(({ filename, content, contentType }) => ({ filename, content, contentType })),
        });
        return { messageId: info.messageId, rejected: info.rejected };
      } catch (error) {
        const failure = new AppError('mail_failed', {}, smtpDetails(error));
        failure.cause = error;
        throw failure;
      }
    },
  };
}
