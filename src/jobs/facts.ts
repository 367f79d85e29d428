// Which facts the delivery check needs for one planned nudge, loaded fresh through the store's
// reader: each kind reads only what it uses, and nothing private is read. The questions most
// nudges ask (the enrollment, supervision calls, minutes logged, reflections, whether the weekly
// prompt went out, stepped care's counted calls and oversight) go through batchers: jobs running together share one statement per question,
// so a delivery costs a fraction of a round trip instead of two.
import { weekBounds, type LoggedSupervision } from '../core/clock/index.js';
import type { DeliveryFacts, PlannedNudgeView } from '../core/nudges/index.js';
import { nudgeKeys, steppedCareOf } from '../core/nudges/index.js';
import { localDate, localDateMidday } from '../core/time/local-date.js';
import { createBatcher } from './batcher.js';
import type { DeliveryFactsReader } from './ports.js';
import type { PublicLinks } from '../core/ports/links.js';

type Facts = DeliveryFacts;

export function createFactsLoader(read: DeliveryFactsReader, links?: Pick<PublicLinks, 'meetingInvite'>) {
  const enrollmentById = createBatcher((ids: string[]) => read.enrollments(ids));
  const supervisionCallsOf = createBatcher((ids: string[]) => read.supervisionCallLogs(ids));
  const minutesLogged = createBatcher((asks: { enrollmentId: string; from: string; to: string }[]) => read.minutesLogged(asks), {
    id: (a) => `${a.enrollmentId} ${a.from} ${a.to}`,
  });
  const reflectionAnswered = createBatcher((asks: { enrollmentId: string; week: number }[]) => read.reflectionAnswered(asks), { id: (a) => `${a.enrollmentId} ${a.week}` });
  const nudgeSent = createBatcher((keys: string[]) => read.nudgeSent(keys));
  const countedCallsOf = createBatcher((ids: string[]) => read.countedCalls(ids));
  const oversightOf = createBatcher((asks: { enrollmentId: string; viewerId: string | null; now: Date }[]) => read.oversight(asks), {
    id: (a) => `${a.enrollmentId} ${a.viewerId ?? ''} ${a.now.getTime()}`,
  });

  /** Supervision calls logged on the enrollment itself or on any of its matches (by either side). */
  async function supervisionCalls(f: Facts): Promise<LoggedSupervision[]> {
    const e = f.enrollment!;
    return (await supervisionCallsOf(e.id)).map((c) => ({ at: localDateMidday(c.day, e.person.timeZone), minutes: c.minutes }));
  }

  /** Minutes the enrollment logged on the local dates of program week `week`. */
  async function weekMinutes(f: Facts, week: number): Promise<number> {
    const e = f.enrollment!;
    const bounds = e.startDate ? weekBounds({ startDate: e.startDate, timeZone: e.person.timeZone, pauses: e.pauses }, week) : null;
    if (!bounds) return 0;
    return minutesLogged({ enrollmentId: e.id, from: localDate(bounds.start, e.person.timeZone), to: localDate(bounds.end, e.person.timeZone) });
  }

  async function firstCallFacts(f: Facts, now: Date): Promise<Partial<Facts>> {
    const m = f.match!;
    const [firstCallLogged, releaseInForce] = await Promise.all([read.firstCallLogged(m.id), read.releaseInForce(m.id, now)]);
    return { firstCallLogged, releaseRequired: m.template.releaseOfInformation !== undefined, releaseInForce };
  }

  /** The trainee's counted calls and who watches over them, named as the recipient may see them. */
  async function steppedCare(n: PlannedNudgeView, f: Facts): Promise<Partial<Facts>> {
    const e = f.enrollment;
    if (!e || !steppedCareOf(e.template)) return {};
    const [calls, oversight, toldWeeks] = await Promise.all([countedCallsOf(e.id), oversightOf({ enrollmentId: e.id, viewerId: n.personId, now: f.now }), toldWeeksOf(n, e.id)]);
    return { steppedCare: { calls, ...oversight, toldWeeks } };
  }

  /** The earlier weeks of this trainee whose same step was sent to this recipient (stepped care tells each run once). */
  async function toldWeeksOf(n: PlannedNudgeView, enrollmentId: string): Promise<number[]> {
    const role = n.refs.role;
    if (n.kind !== 'stepped-care' || (role !== 'supervisor' && role !== 'coordinator') || !n.personId) return [];
    const weeks = Array.from({ length: Math.max(0, (n.refs.week ?? 0) - 1) }, (_, i) => i + 1);
    const sent = await Promise.all(weeks.map((week) => nudgeSent(nudgeKeys.steppedCare(enrollmentId, week, { role, personId: n.personId! }))));
    return weeks.filter((_, i) => sent[i]);
  }

  async function kindFacts(n: PlannedNudgeView, f: Facts): Promise<Partial<Facts>> {
    const week = n.refs.week ?? 0;
    const enrollmentId = n.refs.enrollmentId ?? '';
    switch (n.kind) {
      case 'supervision':
        return f.enrollment ? { supervisionCalls: await supervisionCalls(f) } : {};
      case 'reflection':
      case 'reflection-followup': {
        const [answered, promptSent] = await Promise.all([
          reflectionAnswered({ enrollmentId, week }),
          n.kind === 'reflection-followup' ? nudgeSent(nudgeKeys.reflection(enrollmentId, week)) : false,
        ]);
        return { reflectedWeeks: answered ? [week] : [], promptSent };
      }
      case 'hours-summary':
        return f.enrollment ? { weekMinutes: await weekMinutes(f, week), ...(await steppedCare(n, f)) } : {};
      case 'stepped-care':
        return steppedCare(n, f);
      case 'digest':
        // Two weeks back: the digest keeps what its own week holds (a week before its planned time).
        return n.personId && n.refs.workspaceId ? { digest: await read.digestTrainees(n.personId, n.refs.workspaceId, new Date(f.now.getTime() - 14 * 86_400_000), f.now) } : {};
      case 'final-case-review':
        return { caseRecordsDone: await read.caseRecordsDone(enrollmentId) };
      case 'evaluation':
        return { evaluationAnswered: await read.evaluationAnswered(enrollmentId, n.refs.occasion ?? '') };
      case 'first-call':
        return f.match ? firstCallFacts(f, f.now) : {};
      default:
        return {};
    }
  }

  /** The recipient, read with the enrollment when they are its person (the usual case). */
  async function recipientOf(n: PlannedNudgeView, enrollment: Promise<Facts['enrollment']> | undefined): Promise<Facts['recipient']> {
    if (!n.personId) return undefined;
    const known = enrollment && (await enrollment);
    if (known && known.person.id === n.personId) return known.person;
    return read.person(n.personId);
  }

  return async function load(n: PlannedNudgeView, now: Date): Promise<DeliveryFacts> {
    const enrollmentLoad = n.refs.enrollmentId ? enrollmentById(n.refs.enrollmentId) : undefined;
    const [recipient, enrollment, match, meeting] = await Promise.all([
      recipientOf(n, enrollmentLoad),
      enrollmentLoad,
      n.refs.matchId ? read.match(n.refs.matchId) : undefined,
      n.refs.meetingId ? read.meeting(n.refs.meetingId) : undefined,
    ]);
    const facts: Facts = { now, recipient, enrollment, match, meeting, meetingInvite: meeting && links ? links.meetingInvite(meeting.id) : undefined };
    return { ...facts, ...(await kindFacts(n, facts)) };
  };
}

export type FactsLoader = ReturnType<typeof createFactsLoader>;
