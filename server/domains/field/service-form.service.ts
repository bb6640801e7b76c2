import { createHash, randomBytes } from 'node:crypto';
import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import { writeTransaction } from '../../db/group-commit.js';
import type { DispatchRow, ServiceFormRow, TicketRow } from '../../db/schema.js';
import { isStaff, systemContext, type RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import type { Locale } from '../../http/messages.js';
import { customerScope } from '../../http/scope.js';
import { renderServiceFormPdf } from '../../shared/pdf/service-form.pdf.js';
import { recordAudit } from '../audit/audit.service.js';
import { recordOnTicket, ticketChanged } from '../tickets/ticket.service.js';
import { presentDispatches, isOnVisit } from './dispatch.presenter.js';
import { dispatchInScope } from './dispatch.service.js';
import * as dispatches from './field.repository.js';
import * as repo from './service-form.repository.js';
import type { CreateFormBody, EmailFormBody, FormContent, ServiceFormDto, SignBody, SignLinkBody, UpdateFormBody } from './service-form.schemas.js';

/** How long an e-mailed sign link works. */
export const SIGN_LINK_TTL_MS = 72 * 3_600_000;
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MAX_SIGNATURE_BYTES = 200_000;

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The hash that locks a signed form (R9): over the visit's number, the version, the content, the
 * signer, the satisfaction and comment, the time and the drawn signature. Keys are written in a
 * fixed order, so the same form always gives the same hash.
 */
export function formHash(row: Pick<ServiceFormRow, 'version' | 'content_json' | 'signer_name' | 'satisfaction' | 'comment' | 'signed_at' | 'signature_png'>, number: string): string {
  return sha256(
    JSON.stringify([number, row.version, JSON.parse(row.content_json) as unknown, row.signer_name, row.satisfaction, row.comment, row.signed_at, sha256(row.signature_png)]),
  );
}

/** The facts a form takes from its visit; the texts are the engineer's. */
async function visitFacts(db: Executor, dispatch: DispatchRow, ctx: RequestContext): Promise<Omit<FormContent, 'serviceContent' | 'workDone' | 'result' | 'partsUsed'>> {
  const [d] = await presentDispatches(db, [dispatch], ctx.actor ?? SYSTEM_ACTOR);
  return {
    ticketNumber: d!.ticketNumber,
    customerName: d!.customerName,
    siteName: d!.site?.name ?? null,
    siteAddress: d!.site?.address ?? null,
    asset: d!.asset ? { serial: d!.asset.serial, model: d!.asset.model, category: d!.asset.category } : null,
    engineers: d!.engineers.map((e) => e.name),
    times: { plannedAt: dispatch.planned_at, departedAt: dispatch.departed_at, arrivedAt: dispatch.arrived_at, leftAt: dispatch.left_at },
  };
}

// A public sign link has no signed-in person; the presenter only needs someone to compute steps for.
const SYSTEM_ACTOR = { userId: 0, username: 'system', displayName: 'system', roles: new Set(), customerId: -1, mustChangePassword: false, via: 'session', sessionId: null, tokenId: null } as const satisfies Parameters<typeof presentDispatches>[2];

async function present(db: Executor, row: ServiceFormRow, number: string): Promise<ServiceFormDto> {
  const versions = await repo.findFormVersions(db, row.dispatch_id);
  return {
    id: row.id,
    number,
    version: row.version,
    state: row.state as ServiceFormDto['state'],
    dispatchId: row.dispatch_id,
    ticketId: row.ticket_id,
    customerId: row.customer_id,
    content: JSON.parse(row.content_json) as FormContent,
    signerName: row.signer_name,
    signedVia: row.signed_via,
    signedAt: row.signed_at,
    satisfaction: row.satisfaction,
    comment: row.comment,
    signatureDataUrl: row.signature_png ? `data:image/png;base64,${row.signature_png}` : null,
    contentHash: row.content_hash,
    hashVerified: row.state === 'draft' ? null : formHash(row, number) === row.content_hash,
    versions: versions.map((v) => ({ id: v.id, version: v.version, state: v.state, signedAt: v.signed_at })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A form the requester may see; another customer's is "not found". */
async function formInScope(db: Executor, ctx: RequestContext, id: number, options: { engine?: Deps['engine']; lock?: boolean } = {}): Promise<ServiceFormRow> {
  const row = await repo.findForm(db, id, options);
  const scope = customerScope(ctx);
  if (!row || (scope !== null && row.customer_id !== scope)) throw new AppError('service_form_not_found');
  return row;
}

async function numberOf(db: Executor, dispatchId: number): Promise<DispatchRow> {
  return (await dispatches.findDispatch(db, dispatchId))!;
}

async function assertOnVisit(db: Executor, ctx: RequestContext, dispatchId: number): Promise<void> {
  const engineers = (await dispatches.findDispatchEngineers(db, [dispatchId])).get(dispatchId) ?? [];
  if (!isOnVisit(ctx.actor!, engineers)) throw new AppError('not_your_dispatch');
}

/** One form version with its siblings' list. */
export async function getServiceForm(deps: Deps, ctx: RequestContext, id: number): Promise<ServiceFormDto> {
  const row = await formInScope(deps.db, ctx, id);
  return present(deps.db, row, (await numberOf(deps.db, row.dispatch_id)).number);
}

/** The latest version of a visit's form, or null before one is made. */
export async function getVisitForm(deps: Deps, ctx: RequestContext, dispatchId: number): Promise<ServiceFormDto | null> {
  const dispatch = await dispatchInScope(deps.db, ctx, dispatchId);
  const latest = (await repo.findLatestForms(deps.db, [dispatchId])).get(dispatchId);
  return latest ? present(deps.db, latest, dispatch.number) : null;
}

/**
 * Makes a visit's service form (R9: 每次系统现场服务后,均应填写服务表格) once the engineer is on site:
 * the customer, site, asset, engineers and times come from the visit, the texts from the engineer.
 */
export async function createServiceForm(deps: Deps, ctx: RequestContext, dispatchId: number, input: CreateFormBody): Promise<ServiceFormDto> {
  const id = await writeTransaction(deps, async (trx) => {
    const dispatch = await dispatchInScope(trx, ctx, dispatchId, { engine: deps.engine, lock: true });
    await assertOnVisit(trx, ctx, dispatchId);
    if (dispatch.arrived_at === null || dispatch.state === 'cancelled') throw new AppError('visit_not_started');
    if ((await repo.findLatestForms(trx, [dispatchId])).has(dispatchId)) throw new AppError('service_form_exists');
    const content: FormContent = {
      ...(await visitFacts(trx, dispatch, ctx)),
      serviceContent: input.serviceContent?.trim() ?? '',
      workDone: input.workDone?.trim() ?? '',
      result: input.result?.trim() ?? '',
      partsUsed: input.partsUsed?.trim() ?? dispatch.parts_used,
    };
    const now = deps.clock.now();
    const id = await repo.insertForm(trx, {
      dispatch_id: dispatchId,
      ticket_id: dispatch.ticket_id,
      customer_id: dispatch.customer_id,
      version: 1,
      state: 'draft',
      content_json: JSON.stringify(content),
      created_by_user_id: ctx.actor?.userId ?? null,
      created_at: now,
      updated_at: now,
    });
    await recordOnTicket(trx, deps, ctx, dispatch.ticket_id, { events: [{ type: 'service_form', internal: true, data: { action: 'created', formId: id, number: dispatch.number, version: 1 } }] });
    await recordAudit(trx, deps.clock, ctx, { action: 'service_form.create', entityType: 'service_form', entityId: id, after: content });
    return id;
  });
  return getServiceForm(deps, ctx, id);
}

/**
 * Changes a form's texts. A draft changes in place (its visit facts refreshed); a signed form is
 * never changed: the change makes the next version, a draft to be signed again, and the signed one
 * is kept as superseded (R9).
 */
export async function updateServiceForm(deps: Deps, ctx: RequestContext, id: number, patch: UpdateFormBody): Promise<ServiceFormDto> {
  const { resultId, ticket } = await writeTransaction(deps, async (trx) => {
    const row = await formInScope(trx, ctx, id, { engine: deps.engine, lock: true });
    await assertOnVisit(trx, ctx, row.dispatch_id);
    if (row.state === 'superseded') throw new AppError('service_form_signed');
    const dispatch = await numberOf(trx, row.dispatch_id);
    const old = JSON.parse(row.content_json) as FormContent;
    const content: FormContent = {
      ...old,
      ...(await visitFacts(trx, dispatch, ctx)),
      serviceContent: patch.serviceContent?.trim() ?? old.serviceContent,
      workDone: patch.workDone?.trim() ?? old.workDone,
      result: patch.result?.trim() ?? old.result,
      partsUsed: patch.partsUsed?.trim() ?? old.partsUsed,
    };
    const now = deps.clock.now();
    if (row.state === 'draft') {
      if (!(await repo.updateDraftForm(trx, id, { content_json: JSON.stringify(content), updated_at: now }))) throw new AppError('service_form_signed');
      await recordAudit(trx, deps.clock, ctx, { action: 'service_form.update', entityType: 'service_form', entityId: id, before: old, after: content });
      return { resultId: id, ticket: null };
    }
    await repo.markSuperseded(trx, id, now);
    const next = await repo.insertForm(trx, {
      dispatch_id: row.dispatch_id,
      ticket_id: row.ticket_id,
      customer_id: row.customer_id,
      version: row.version + 1,
      state: 'draft',
      content_json: JSON.stringify(content),
      created_by_user_id: ctx.actor?.userId ?? null,
      created_at: now,
      updated_at: now,
    });
    const ticket = await recordOnTicket(trx, deps, ctx, row.ticket_id, {
      events: [{ type: 'service_form', internal: true, data: { action: 'new_version', formId: next, number: dispatch.number, version: row.version + 1, replaces: id } }],
    });
    await recordAudit(trx, deps.clock, ctx, { action: 'service_form.new_version', entityType: 'service_form', entityId: next, before: { id, version: row.version, contentHash: row.content_hash }, after: content });
    return { resultId: next, ticket };
  });
  // The live queues hear of it once it is committed.
  if (ticket) ticketChanged(deps, ticket);
  return getServiceForm(deps, ctx, resultId);
}

/** The PNG bytes of a canvas data URL, or signature_invalid. */
function signaturePng(dataUrl: string): Buffer {
  const match = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl);
  const bytes = match ? Buffer.from(match[1]!, 'base64') : null;
  if (!bytes || bytes.length < PNG_MAGIC.length || !bytes.subarray(0, PNG_MAGIC.length).equals(PNG_MAGIC)) {
    throw new AppError('signature_invalid', { summary: 'expected a PNG image as a data: URL' });
  }
  if (bytes.length > MAX_SIGNATURE_BYTES) throw new AppError('signature_invalid', { summary: `the image is larger than ${MAX_SIGNATURE_BYTES} bytes` });
  return bytes;
}

/**
 * Signs a draft form and locks it: the visit facts are taken as they stand now, the signature,
 * satisfaction (满意 / 一般 / 不满意) and comment are stored with the hash of it all, and the timeline
 * records the customer's satisfaction.
 */
async function signForm(trx: Executor, deps: Deps, ctx: RequestContext, row: ServiceFormRow, input: SignBody, via: 'screen' | 'link' | 'portal'): Promise<TicketRow> {
  if (row.state !== 'draft') throw new AppError('service_form_signed');
  const png = signaturePng(input.signature);
  const dispatch = await numberOf(trx, row.dispatch_id);
  const old = JSON.parse(row.content_json) as FormContent;
  const content: FormContent = { ...old, ...(await visitFacts(trx, dispatch, ctx)) };
  const now = deps.clock.now();
  const signed = {
    version: row.version,
    content_json: JSON.stringify(content),
    signer_name: input.signerName.trim(),
    satisfaction: input.satisfaction,
    comment: input.comment?.trim() ?? '',
    signed_at: now,
    signature_png: png.toString('base64'),
  };
  const hash = formHash(signed, dispatch.number);
  const { version: _v, ...values } = signed;
  const changed = await repo.updateDraftForm(trx, row.id, {
    ...values,
    state: 'signed',
    signed_via: via,
    signed_by_user_id: ctx.actor?.userId ?? null,
    content_hash: hash,
    updated_at: now,
  });
  if (!changed) throw new AppError('service_form_signed');
  const ticket = await recordOnTicket(trx, deps, ctx, row.ticket_id, {
    events: [
      {
        type: 'service_form',
        body: signed.comment || undefined,
        data: { action: 'signed', formId: row.id, number: dispatch.number, version: row.version, signerName: signed.signer_name, satisfaction: input.satisfaction, via },
      },
    ],
  });
  await recordAudit(trx, deps.clock, ctx, { action: 'service_form.sign', entityType: 'service_form', entityId: row.id, after: { signerName: signed.signer_name, satisfaction: input.satisfaction, via, contentHash: hash } });
  return ticket;
}

/**
 * Signs on the engineer's screen (staff on the visit) or in the portal (the customer's own
 * contact; another customer's form is "not found").
 */
export async function signServiceForm(deps: Deps, ctx: RequestContext, id: number, input: SignBody): Promise<ServiceFormDto> {
  const ticket = await writeTransaction(deps, async (trx) => {
    const row = await formInScope(trx, ctx, id, { engine: deps.engine, lock: true });
    if (isStaff(ctx.actor!)) await assertOnVisit(trx, ctx, row.dispatch_id);
    return signForm(trx, deps, ctx, row, input, isStaff(ctx.actor!) ? 'screen' : 'portal');
  });
  ticketChanged(deps, ticket);
  return getServiceForm(deps, ctx, id);
}

function subjectOf(locale: Locale, number: string): string {
  return locale === 'en' ? `Please sign service form ${number}` : `请签署服务表格 ${number}`;
}

function linkText(locale: Locale, number: string, customer: string, url: string, expiresAt: string): string {
  return locale === 'en'
    ? `Hello,\n\nour engineers have finished the visit ${number} for ${customer}. Please check the service form, give your satisfaction and sign it here:\n\n${url}\n\nThe link works once, until ${expiresAt}.\n`
    : `您好:\n\n我方工程师已完成 ${customer} 的上门服务 ${number}。请通过以下链接核对服务表格、评价满意度并签字确认:\n\n${url}\n\n该链接仅可使用一次,有效期至 ${expiresAt}。\n`;
}

function formatTime(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(at);
}

/**
 * Sends the customer's designated technician a one-time sign link by e-mail. Only its SHA-256 is
 * stored; the link works once, for SIGN_LINK_TTL_MS, and only for this form. A link the mail
 * server refused is withdrawn.
 */
export async function sendSignLink(deps: Deps, ctx: RequestContext, id: number, input: SignLinkBody): Promise<{ email: string; expiresAt: number }> {
  if (!deps.mailer?.configured) throw new AppError('mail_not_configured');
  const token = randomBytes(24).toString('base64url');
  const now = deps.clock.now();
  const expiresAt = now + SIGN_LINK_TTL_MS;
  const { number, customer } = await writeTransaction(deps, async (trx) => {
    const row = await formInScope(trx, ctx, id);
    await assertOnVisit(trx, ctx, row.dispatch_id);
    if (row.state !== 'draft') throw new AppError('service_form_signed');
    await repo.insertSignLink(trx, { form_id: id, customer_id: row.customer_id, token_hash: sha256(token), email: input.email, expires_at: expiresAt, created_by_user_id: ctx.actor?.userId ?? null, created_at: now });
    const dispatch = await numberOf(trx, row.dispatch_id);
    await recordOnTicket(trx, deps, ctx, row.ticket_id, { events: [{ type: 'service_form', internal: true, data: { action: 'link_sent', formId: id, number: dispatch.number, email: input.email } }] });
    await recordAudit(trx, deps.clock, ctx, { action: 'service_form.sign_link', entityType: 'service_form', entityId: id, after: { email: input.email, expiresAt } });
    return { number: dispatch.number, customer: (JSON.parse(row.content_json) as FormContent).customerName };
  });
  const locale = input.lang ?? ctx.locale;
  const url = `${deps.config.publicUrl}/sign/${id}?token=${token}`;
  try {
    await deps.mailer.send({ to: [input.email], subject: subjectOf(locale, number), text: linkText(locale, number, customer, url, formatTime(expiresAt, deps.config.timeZone)) });
  } catch (error) {
    await repo.expireSignLink(deps.db, sha256(token), now);
    throw error;
  }
  return { email: input.email, expiresAt };
}

/** The link a token stands for, checked against the form it is used for. */
async function linkFor(db: Executor, formId: number, token: string, now: number) {
  const link = await repo.findSignLink(db, sha256(token));
  // A token for another form (another customer's, say) is as good as none.
  if (!link || link.form_id !== formId) throw new AppError('sign_link_invalid');
  if (link.used_at !== null || link.expires_at <= now) throw new AppError('sign_link_expired');
  return link;
}

/** The form behind a sign link, for the customer's signing page (no account needed). */
export async function getFormByLink(deps: Deps, formId: number, token: string): Promise<ServiceFormDto> {
  await linkFor(deps.db, formId, token, deps.clock.now());
  const row = (await repo.findForm(deps.db, formId))!;
  return present(deps.db, row, (await numberOf(deps.db, row.dispatch_id)).number);
}

/** Signs through a one-time link: the link is spent in the same transaction as the signature. */
export async function signFormByLink(deps: Deps, formId: number, token: string, input: SignBody, locale: Locale): Promise<ServiceFormDto> {
  const ctx = systemContext(locale);
  const ticket = await writeTransaction(deps, async (trx) => {
    const link = await linkFor(trx, formId, token, deps.clock.now());
    if (!(await repo.useSignLink(trx, link.id, deps.clock.now()))) throw new AppError('sign_link_expired');
    const row = (await repo.findForm(trx, formId, { engine: deps.engine, lock: true }))!;
    return signForm(trx, deps, { ...ctx, actor: null }, row, input, 'link');
  });
  ticketChanged(deps, ticket);
  const row = (await repo.findForm(deps.db, formId))!;
  return present(deps.db, row, (await numberOf(deps.db, row.dispatch_id)).number);
}

/** A form as a PDF (R9), in Chinese or English, with the drawn signature and the hash. */
export async function serviceFormPdf(deps: Deps, ctx: RequestContext, id: number, lang?: Locale): Promise<{ fileName: string; pdf: Buffer }> {
  const form = await getServiceForm(deps, ctx, id);
  return { fileName: `${form.number}-v${form.version}.pdf`, pdf: await renderPdf(deps, form, lang ?? ctx.locale) };
}

async function renderPdf(deps: Deps, form: ServiceFormDto, locale: Locale): Promise<Buffer> {
  const png = form.signatureDataUrl ? Buffer.from(form.signatureDataUrl.slice('data:image/png;base64,'.length), 'base64') : null;
  return renderServiceFormPdf(
    {
      number: form.number,
      version: form.version,
      ...form.content,
      signature:
        form.signedAt === null
          ? null
          : { signerName: form.signerName, signedAt: form.signedAt, satisfaction: form.satisfaction as 'satisfied' | 'average' | 'dissatisfied', comment: form.comment, imagePng: png },
      contentHash: form.contentHash || null,
      timeZone: deps.config.timeZone,
      providerName: 'Weibao 维保',
    },
    locale,
    deps.clock.now(),
  );
}

/** Sends a form's PDF by e-mail (to the customer, usually once signed). */
export async function emailServiceForm(deps: Deps, ctx: RequestContext, id: number, input: EmailFormBody): Promise<{ sentTo: string[] }> {
  if (!deps.mailer?.configured) throw new AppError('mail_not_configured');
  const form = await getServiceForm(deps, ctx, id);
  const locale = input.lang ?? ctx.locale;
  const pdf = await renderPdf(deps, form, locale);
  const title = locale === 'en' ? `Service form ${form.number} (version ${form.version})` : `服务表格 ${form.number}(第 ${form.version} 版)`;
  const result = await deps.mailer.send({
    to: input.to,
    subject: title,
    text: locale === 'en' ? `${title} is attached.\n` : `附件为${title}。\n`,
    attachments: [{ filename: `${form.number}-v${form.version}.pdf`, content: pdf, contentType: 'application/pdf' }],
  });
  await writeTransaction(deps, (trx) => recordAudit(trx, deps.clock, ctx, { action: 'service_form.email', entityType: 'service_form', entityId: id, after: { to: input.to } }));
  return { sentTo: input.to.filter((to) => !result.rejected.includes(to)) };
}
