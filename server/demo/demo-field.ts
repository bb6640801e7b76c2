import type { RequestContext } from '../http/actor.js';
import { addVisitLog, createDispatch, takeDispatchStep, updateDispatch } from '../domains/field/dispatch.service.js';
import type { ResolutionBody } from '../domains/field/field.schemas.js';
import { createRemoteSession } from '../domains/field/remote-session.service.js';
import { recordResolution } from '../domains/field/resolution.service.js';
import { createServiceForm, signServiceForm } from '../domains/field/service-form.service.js';
import { approveFaultReport, deliverFaultReport, draftFaultReport, updateFaultReport } from '../domains/reports/fault-report.service.js';
import { transitionTicket } from '../domains/tickets/ticket.service.js';
import type { TransitionTarget } from '../domains/tickets/workflow.js';
import { BRIEF_TIME_ZONE } from '../domains/vendors/escalation-brief.js';
import { addEscalationEntry, getEscalationBrief, openEscalation, updateEscalation } from '../domains/vendors/escalation.service.js';
import { dayIn } from '../shared/dates.js';
import { contextOf, type DemoPersonRef } from './demo-actors.js';
import { commentFor, NO_FORM_REASON, SATISFACTION, upgradeOf, type FieldScript, type RemoteFix, type SiteFix } from './demo-field-scripts.js';
import { NowReached, type DemoAsset, type DemoScene, type FieldCast } from './demo-scene.js';
import { signatureOf } from './demo-signature.js';
import { caseNumber, type DemoVendorRef } from './demo-vendors.js';
import type { SeededRandom } from './random.js';

/**
 * A fault's field service in the demo (issue 6), through the real services: remote diagnosis,
 * visits dispatched, travelled, logged and closed with a signed service form, the vendor's support,
 * the resolution, and the fault analysis report drafted, approved and delivered — each at its own
 * moment on the demo's clock, so every clock and timeline reads as if it happened.
 */

const MINUTE = 60_000;
const HOUR = 3_600_000;

const SIGNERS_IF_NONE = ['值班工程师 陈磊', '刘晓东', '张敏'];

interface OpenVisit {
  id: number;
  arrived: boolean;
  logs: string[];
  formId: number | null;
}

interface VisitPlan {
  bring: string;
  logs: readonly string[];
  notes?: string;
}

/** One to three of a fix's work-log lines, in order; the middle one (the actual work) always. */
function someLines(random: SeededRandom, lines: readonly string[]): string[] {
  if (lines.length < 3) return [...lines];
  const n = random.weighted([[1, 45], [2, 40], [3, 15]] as const);
  if (n === 3) return [...lines];
  if (n === 1) return [lines[1]!];
  return random.chance(0.5) ? [lines[0]!, lines[1]!] : [lines[1]!, lines[2]!];
}

export class FaultWork {
  /** When service came back, once the resolution is recorded. */
  restoredAt: number | null = null;
  private readonly engineerCtx: RequestContext;
  private readonly fix: SiteFix;
  private visit: OpenVisit | null = null;
  private escalationId: number | null = null;
  /** The fix that restored service, for the report's prevention. */
  private applied: SiteFix | null = null;

  constructor(
    private readonly scene: DemoScene,
    private readonly cast: FieldCast,
    private readonly ticket: { id: number; customerId: number; title: string },
    private readonly asset: DemoAsset | null,
    private readonly script: FieldScript,
    private readonly people: { engineer: DemoPersonRef; agent: DemoPersonRef },
    private readonly path: readonly TransitionTarget[],
    private readonly vendor: DemoVendorRef | null,
  ) {
    this.engineerCtx = contextOf(people.engineer);
    this.fix = scene.random.weighted(script.fixes.map((f) => [f, f.weight] as const));
  }

  /** Whether this fault's device has a vendor on file that takes this kind of escalation. */
  static vendorFor(cast: FieldCast, script: FieldScript, asset: DemoAsset | null): DemoVendorRef | null {
    if (!asset || !script.escalation) return null;
    if (script.escalation.makers && !script.escalation.makers.includes(asset.vendor)) return null;
    return cast.vendors.get(asset.vendor) ?? null;
  }

  private when(ms: number): void {
    if (ms >= this.scene.now) throw new NowReached();
    this.scene.at(ms);
  }

  private minutes(lo: number, hi: number): number {
    return this.scene.random.int(lo, hi) * MINUTE;
  }

  /**
   * The wait before a step: the engineer mostly calls back or logs in within minutes, a dispatcher
   * sends an engineer as soon as remote diagnosis says a visit is needed, and on site the work
   * that restores service follows the work log.
   */
  gapBefore(to: TransitionTarget, usual: number): number {
    if (to === 'remote_diagnosis' && this.scene.random.chance(0.85)) return this.minutes(3, 20);
    if (to === 'on_site') return this.minutes(2, 10);
    if (to === 'restored' && this.visit) return this.minutes(10, 40);
    return usual;
  }

  /** Takes one step of the fault's path at `t`; returns when the step was done. */
  async step(to: TransitionTarget, t: number, comment?: string): Promise<number> {
    switch (to) {
      case 'remote_diagnosis':
        return this.diagnoseRemotely(t);
      case 'on_site':
        return this.beginVisit(t, t + this.minutes(15, 45), this.path.includes('escalated') ? { bring: this.fix.bring, logs: this.script.escalation!.logs } : this.fix);
      case 'escalated':
        return this.escalate(t);
      case 'restored':
        return this.restore(t);
      default:
        this.when(t);
        await transitionTicket(this.scene.d, this.engineerCtx, this.ticket.id, to, comment);
        return t;
    }
  }

  /** Most faults start with a call or a remote login (R6); the first one moves the fault into remote diagnosis. */
  private async diagnoseRemotely(t: number): Promise<number> {
    const { d, random, counts } = this.scene;
    if (!random.chance(0.75)) {
      this.when(t);
      await transitionTicket(d, this.engineerCtx, this.ticket.id, 'remote_diagnosis');
      return t;
    }
    const onSite = this.path.includes('on_site');
    const { method } = this.script.remote;
    const findings = onSite ? this.script.remote.findings : this.script.remoteFix.findings;
    const actions = onSite ? this.script.remote.actions : this.script.remoteFix.details;
    const end = t + this.minutes(5, 20);
    counts.remoteSessions++;
    if (end >= this.scene.now) {
      this.when(t);
      await createRemoteSession(d, this.engineerCtx, this.ticket.id, { method, startedAt: t, findings });
      return end;
    }
    this.when(end);
    await createRemoteSession(d, this.engineerCtx, this.ticket.id, { method, startedAt: t, endedAt: end, findings, actions, result: onSite ? 'needs_visit' : 'solved' });
    return end;
  }

  /**
   * Dispatches the ticket's engineer (now and then with a colleague) and goes: accept, depart,
   * arrive — which moves the fault on site — and the first lines of the work log.
   */
  private async beginVisit(t: number, plannedAt: number, plan: VisitPlan): Promise<number> {
    const { d, random, counts } = this.scene;
    const { engineer } = this.people;
    const dispatcher = random.chance(0.85) ? random.pick(this.cast.dispatchers) : this.cast.manager;
    const engineerIds = [engineer.id];
    if (random.chance(0.2)) engineerIds.push(random.pick(this.cast.engineers.filter((e) => e.id !== engineer.id)).id);
    this.when(t);
    const dispatch = await createDispatch(d, contextOf(dispatcher), this.ticket.id, { engineerIds, plannedAt, bring: plan.bring, ...(plan.notes && { notes: plan.notes }) });
    counts.visits++;
    this.visit = { id: dispatch.id, arrived: false, logs: [], formId: null };
    const departAt = Math.max(t + this.minutes(10, random.chance(0.8) ? 25 : 40), plannedAt - this.minutes(20, 40));
    if (random.chance(0.2)) {
      this.when(t + this.minutes(1, 8));
      await takeDispatchStep(d, this.engineerCtx, dispatch.id, { step: 'accept' });
    }
    this.when(departAt);
    await takeDispatchStep(d, this.engineerCtx, dispatch.id, { step: 'depart' });
    // Most arrive within the hour the contract promises from setting off (R4); traffic has its say.
    let at = departAt + (random.chance(0.9) ? this.minutes(20, 55) : this.minutes(56, 90));
    this.when(at);
    await takeDispatchStep(d, this.engineerCtx, dispatch.id, { step: 'arrive' });
    this.visit.arrived = true;
    for (const body of someLines(random, plan.logs)) {
      at += this.minutes(5, 30);
      this.when(at);
      await addVisitLog(d, this.engineerCtx, dispatch.id, { body });
      this.visit.logs.push(body);
    }
    return at;
  }

  /**
   * Ends the visit: the parts used, the service form, check-out, and the customer's technician
   * signing on the engineer's screen (R9) — or, rarely, the reason there is no signed form.
   */
  private async finishVisit(t: number, result: string, partsUsed: string): Promise<number> {
    const { d, random, counts } = this.scene;
    const visit = this.visit!;
    let at = t + this.minutes(5, 20);
    this.when(at);
    const noForm = random.chance(0.03);
    if (partsUsed || noForm) await updateDispatch(d, this.engineerCtx, visit.id, { ...(partsUsed && { partsUsed }), ...(noForm && { noFormReason: NO_FORM_REASON }) });
    if (!noForm) {
      visit.formId = await this.draftForm(visit, result);
    }
    at += this.minutes(5, 25);
    this.when(at);
    await takeDispatchStep(d, this.engineerCtx, visit.id, { step: 'leave' });
    if (visit.formId !== null) {
      at += this.minutes(1, 3);
      this.when(at);
      const satisfaction = random.weighted(SATISFACTION);
      const signers = this.cast.signers.get(this.ticket.customerId);
      const names = signers?.names.length ? signers.names : SIGNERS_IF_NONE;
      const comments = commentFor(signers?.english ?? this.script.english, satisfaction);
      const signer = random.chance(0.8) ? names[0]! : random.pick(names);
      await signServiceForm(d, this.engineerCtx, visit.formId, {
        signerName: signer,
        signature: signatureOf(signer),
        satisfaction,
        ...(random.chance(satisfaction === 'satisfied' ? 0.25 : 0.8) && { comment: random.pick(comments) }),
      });
      counts.signedForms++;
    }
    this.visit = null;
    return at;
  }

  private async draftForm(visit: OpenVisit, result: string): Promise<number> {
    const form = await createServiceForm(this.scene.d, this.engineerCtx, visit.id, {
      serviceContent: this.script.english ? `On-site service: ${this.ticket.title}` : `现场服务:${this.ticket.title}`,
      workDone: visit.logs.join('\n'),
      result,
    });
    return form.id;
  }

  /**
   * Where a ticket stands when its next step would pass now: an engineer on site has the service
   * form started, for the customer to sign when the work is done.
   */
  async stopAtNow(): Promise<void> {
    if (this.visit?.arrived && this.visit.formId === null) this.visit.formId = await this.draftForm(this.visit, '');
  }

  /**
   * The first visit could not fix it: it ends with what was found, the fault goes to the device's
   * vendor with the brief compiled from the ticket (R6), and the vendor answers hours later.
   */
  private async escalate(t: number): Promise<number> {
    const { d, random, counts } = this.scene;
    const script = this.script.escalation!;
    let at = this.visit ? await this.finishVisit(t, script.result, '') : t;
    at += this.minutes(10, 40);
    this.when(at);
    const ctx: RequestContext = { ...this.engineerCtx, locale: this.script.english ? 'en' : 'zh-CN' };
    const vendor = this.vendor!;
    const { text } = await getEscalationBrief(d, ctx, this.ticket.id);
    const escalation = await openEscalation(d, ctx, this.ticket.id, {
      vendorId: vendor.id,
      caseNumber: caseNumber(vendor, dayIn(at, BRIEF_TIME_ZONE), random),
      brief: text,
      contactName: random.pick(vendor.contacts),
    });
    this.escalationId = escalation.id;
    counts.escalations++;
    at += random.int(2, 20) * HOUR;
    this.when(at);
    await addEscalationEntry(d, ctx, escalation.id, { direction: 'received', body: script.answer });
    return at;
  }

  /** The resolution of a fix; a software update takes the device from its version on record to the next. */
  private resolutionOf(fix: SiteFix | RemoteFix, restoredAt: number): ResolutionBody {
    const body: ResolutionBody = { method: fix.method, details: fix.details, rootCause: fix.rootCause, restoredAt };
    if (fix.method !== 'software_update') return body;
    const field = fix.versionField ?? 'firmware';
    const key = `${this.asset?.id}:${field}`;
    const current = this.asset ? (this.scene.versions.get(key) ?? (field === 'firmware' ? this.asset.firmwareVersion : this.asset.softwareVersion)) : '';
    const before = current || fix.versions?.[0] || '';
    const after = current ? upgradeOf(current) : (fix.versions?.[1] ?? upgradeOf(before));
    if (this.asset) this.scene.versions.set(key, after);
    return { ...body, versionBefore: before, versionAfter: after, versionField: field };
  }

  /**
   * Service comes back (R6): in the visit on site, in a second visit with the vendor's part, or
   * remotely. The resolution moves the fault to restored and stops the restore clocks (R4).
   */
  private async restore(t: number): Promise<number> {
    const { d, counts } = this.scene;
    const vendorFix = this.escalationId !== null ? this.script.escalation!.fix : null;
    if (vendorFix && !this.visit) t = await this.beginVisit(t, t + this.scene.random.int(3, 18) * HOUR, vendorFix);
    if (!this.visit) {
      this.when(t);
      await recordResolution(d, this.engineerCtx, this.ticket.id, this.resolutionOf(this.script.remoteFix, t));
      counts.resolutions++;
      this.restoredAt = t;
      return t;
    }
    const fix = vendorFix ?? this.fix;
    this.applied = fix;
    const restoredAt = t;
    this.when(restoredAt);
    await recordResolution(d, this.engineerCtx, this.ticket.id, this.resolutionOf(fix, restoredAt));
    counts.resolutions++;
    this.restoredAt = restoredAt;
    let at = await this.finishVisit(restoredAt, fix.details, fix.partsUsed);
    if (this.escalationId !== null) {
      at += this.minutes(10, 60);
      this.when(at);
      const updated = fix.method === 'software_update';
      const body = this.script.english
        ? updated ? 'Upgraded as recommended and service restored; please close the case.' : 'Part replaced and service restored; please close the case. The old part goes back as instructed.'
        : updated ? '已按建议完成升级,业务已恢复,申请关闭案例。' : '备件已更换,业务已恢复,申请关闭案例;旧件按要求返还。';
      await addEscalationEntry(d, this.engineerCtx, this.escalationId, { direction: 'sent', body });
      await updateEscalation(d, this.engineerCtx, this.escalationId, { state: 'closed' });
      this.escalationId = null;
    }
    return at;
  }

  /**
   * Where a ticket still being worked stands once its steps run out before now: a visit under way
   * ends (the fault waits for parts or the vendor); a fault that needs a visit next has one booked
   * for today — done, under way or still to come. Stops quietly at now; returns when the last step
   * was taken.
   */
  async settle(next: TransitionTarget | undefined, t: number): Promise<number> {
    const { now } = this.scene;
    try {
      if (this.visit) {
        const waiting = next === 'escalated' ? this.script.escalation!.result : this.script.english ? 'Fault located; a second visit follows when the spare part arrives.' : '故障已定位,待备件到货后再次上门处理。';
        return await this.finishVisit(t + this.minutes(20, 90), waiting, '');
      }
      if (next !== 'on_site') return t;
      // The visit was booked for today: done, under way or still to come.
      const at = t + this.minutes(2, 10);
      const notes = this.script.english ? 'Visit at the time the customer asked for.' : '按客户要求预约上门时间。';
      const end = await this.beginVisit(at, Math.max(at + 30 * MINUTE, now + this.minutes(-150, 240)), { ...this.fix, notes });
      return await this.restore(end + this.minutes(10, 40));
    } catch (error) {
      if (!(error instanceof NowReached)) throw error;
      await this.stopAtNow();
      return now;
    }
  }

  /**
   * The fault analysis report (R10): drafted from the ticket by its engineer, prevention written,
   * approved by the manager and delivered by the desk at `deliveredAt` (no e-mail) — or as far as
   * it got by now.
   */
  async report(after: number, deliveredAt: number): Promise<void> {
    const { d, counts } = this.scene;
    try {
      let at = after + this.minutes(10, 90);
      this.when(at);
      const report = await draftFaultReport(d, this.engineerCtx, this.ticket.id);
      counts.reports++;
      at += this.minutes(5, 60);
      this.when(at);
      await updateFaultReport(d, this.engineerCtx, report.id, { prevention: this.applied?.prevention ?? this.scene.random.pick(this.script.prevention) });
      at = Math.max(at + MINUTE, Math.min(at + this.minutes(10, 120), deliveredAt - this.minutes(5, 30)));
      this.when(at);
      await approveFaultReport(d, contextOf(this.cast.manager), report.id);
      this.when(Math.max(deliveredAt, at + this.minutes(5, 30)));
      await deliverFaultReport(d, contextOf(this.people.agent), report.id, {});
      counts.reportsDelivered++;
    } catch (error) {
      if (!(error instanceof NowReached)) throw error;
    }
  }
}
