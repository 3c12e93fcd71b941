// The exchange lifecycle as pure rules: which actions each person may take in each state. The
// service asks `requireAction` before every change, and the presenter lists `allowedActions`
// for the web app, so the buttons people see and what the server accepts cannot drift apart.
//
//   proposed → accepted → done → confirmed          (declined, cancelled on the way)
//                  └────────┴──→ disputed → resolved (by a coordinator)
import { AppError } from '../../lib/errors.ts';
import type { ExchangeAction, ExchangeStatus } from '../../../common/exchanges.ts';

/** The parts of an exchange the rules read. */
export type ExchangeState = {
  status: ExchangeStatus;
  approval: 'not_needed' | 'pending' | 'approved' | 'refused';
  providerId: string;
  receiverId: string;
  /** The party (provider or receiver) who proposed; the other one accepts. */
  proposedBy: string;
  adjustedMinutes: number | null;
  transactionId: string | null;
  reversed: boolean;
  /** Parties who have already left a reference. */
  referencedBy: readonly string[];
  /** Done, but its automatic confirmation was held for a coordinator (a limit or a party's standing stopped it). */
  held?: boolean;
};

/** Who is asking: the identities they act as (themselves and their organisations) and whether they coordinate. */
export type ExchangeViewer = { identities: readonly string[]; coordinator: boolean };

type Side = 'provider' | 'receiver';

function sides(ex: ExchangeState, viewer: ExchangeViewer): Side[] {
  const result: Side[] = [];
  if (viewer.identities.includes(ex.providerId)) result.push('provider');
  if (viewer.identities.includes(ex.receiverId)) result.push('receiver');
  return result;
}

const proposer = (ex: ExchangeState): Side => (ex.proposedBy === ex.receiverId ? 'receiver' : 'provider');
const other = (side: Side): Side => (side === 'provider' ? 'receiver' : 'provider');

type Rule = { who: Side[] | 'coordinator'; when: (ex: ExchangeState) => boolean; role: string };

const RULES: Record<ExchangeAction, (ex: ExchangeState) => Rule> = {
  accept: (ex) => ({ who: [other(proposer(ex))], when: (e) => e.status === 'proposed', role: 'Only the person who was asked can accept.' }),
  decline: (ex) => ({ who: [other(proposer(ex))], when: (e) => e.status === 'proposed', role: 'Only the person who was asked can decline. You can cancel instead.' }),
  cancel: (ex) => ({
    who: ex.status === 'proposed' ? [proposer(ex)] : ['provider', 'receiver'],
    when: (e) => e.status === 'proposed' || e.status === 'accepted',
    role: 'Only the person who proposed can withdraw a proposal. You can decline it instead.',
  }),
  approve: () => ({ who: 'coordinator', when: (e) => e.approval === 'pending' && (e.status === 'proposed' || e.status === 'accepted'), role: 'Only a coordinator can approve an exchange.' }),
  refuse: () => ({ who: 'coordinator', when: (e) => e.approval === 'pending' && (e.status === 'proposed' || e.status === 'accepted'), role: 'Only a coordinator can refuse an exchange.' }),
  record: () => ({
    who: ['provider'],
    when: (e) => e.status === 'accepted' && (e.approval === 'not_needed' || e.approval === 'approved'),
    role: 'Only the person who gave the help records the time.',
  }),
  confirm: () => ({ who: ['receiver'], when: (e) => e.status === 'done' && e.adjustedMinutes === null, role: 'Only the person who received the help can confirm the time.' }),
  adjust: () => ({ who: ['receiver'], when: (e) => e.status === 'done' && e.adjustedMinutes === null, role: 'Only the person who received the help can suggest a different time.' }),
  accept_adjustment: () => ({ who: ['provider'], when: (e) => e.status === 'done' && e.adjustedMinutes !== null, role: 'Only the person who gave the help can accept a changed time.' }),
  dispute: () => ({ who: ['provider', 'receiver'], when: (e) => e.status === 'accepted' || e.status === 'done', role: 'Only the two people in an exchange can dispute it.' }),
  resolve: () => ({ who: 'coordinator', when: (e) => e.status === 'disputed' || (e.status === 'done' && e.held === true), role: 'Only a coordinator can resolve a dispute.' }),
  // After the hours were confirmed, or posted by a coordinator's resolution of a dispute; not
  // once a coordinator has reversed them.
  reference: () => ({ who: ['provider', 'receiver'], when: (e) => hoursStand(e), role: 'Only the two people in an exchange can leave a reference for it.' }),
  reverse: () => ({ who: 'coordinator', when: (e) => e.transactionId !== null && !e.reversed, role: 'Only a coordinator can reverse hours.' }),
};

/** Whether the exchange's hours were posted and still stand. */
function hoursStand(e: ExchangeState): boolean {
  return (e.status === 'confirmed' || (e.status === 'resolved' && e.transactionId !== null)) && !e.reversed;
}

function permitted(ex: ExchangeState, viewer: ExchangeViewer, action: ExchangeAction): 'ok' | 'role' | 'state' {
  const rule = RULES[action](ex);
  const mySides = sides(ex, viewer);
  const hasRole = rule.who === 'coordinator' ? viewer.coordinator : rule.who.some((s) => mySides.includes(s));
  if (!hasRole) return 'role';
  if (!rule.when(ex)) return 'state';
  if (action === 'reference' && mySides.some((s) => ex.referencedBy.includes(s === 'provider' ? ex.providerId : ex.receiverId))) return 'state';
  return 'ok';
}

/** The actions the viewer may take now, in a stable order. */
export function allowedActions(ex: ExchangeState, viewer: ExchangeViewer): ExchangeAction[] {
  return (Object.keys(RULES) as ExchangeAction[]).filter((action) => permitted(ex, viewer, action) === 'ok');
}

/** True when the viewer is one of the two parties or a coordinator (anyone else gets a 404). */
export function canSee(ex: ExchangeState, viewer: ExchangeViewer): boolean {
  return viewer.coordinator || sides(ex, viewer).length > 0;
}

const STATE_MESSAGES: Record<ExchangeStatus, string> = {
  proposed: 'This exchange has not been accepted yet.',
  accepted: 'The time for this exchange has not been recorded yet.',
  done: 'The time for this exchange has already been recorded.',
  confirmed: 'This exchange has already been confirmed.',
  declined: 'This exchange was declined.',
  cancelled: 'This exchange was cancelled.',
  disputed: 'This exchange is being looked at by a coordinator.',
  resolved: 'A coordinator has already resolved this exchange.',
};

/** Throws unless the viewer may take `action` now: 404 for strangers, 403 for the wrong person, 409 for the wrong moment. */
export function requireAction(ex: ExchangeState, viewer: ExchangeViewer, action: ExchangeAction): void {
  if (!canSee(ex, viewer)) throw new AppError('not_found', 'exchange.not_found', 'We could not find that exchange. It may have been removed, or you may not have access to it.');
  const verdict = permitted(ex, viewer, action);
  if (verdict === 'role') throw new AppError('forbidden', `exchange.not_allowed`, RULES[action](ex).role);
  if (verdict === 'state') throw new AppError('conflict', `exchange.${stateCode(ex, action)}`, stateMessage(ex, action));
}

function stateCode(ex: ExchangeState, action: ExchangeAction): string {
  if (action === 'reference' && ex.reversed) return 'reversed';
  if (action === 'reference' && hoursStand(ex)) return 'already_referenced';
  if (action === 'record' && ex.status === 'accepted') return ex.approval === 'refused' ? 'approval_refused' : 'awaiting_approval';
  if ((action === 'confirm' || action === 'adjust') && ex.status === 'done') return 'adjustment_pending';
  if (action === 'accept_adjustment' && ex.status === 'done') return 'no_adjustment';
  if ((action === 'approve' || action === 'refuse') && ex.approval !== 'pending') return 'approval_not_pending';
  if (action === 'reverse') return ex.reversed ? 'already_reversed' : 'nothing_to_reverse';
  return ex.status === 'confirmed' ? 'already_confirmed' : 'wrong_status';
}

function stateMessage(ex: ExchangeState, action: ExchangeAction): string {
  switch (stateCode(ex, action)) {
    case 'already_referenced': return 'You have already left a reference for this exchange.';
    case 'reversed': return 'A coordinator reversed the hours for this exchange, so it can no longer take references.';
    case 'awaiting_approval': return 'A coordinator needs to approve this exchange before the time can be recorded.';
    case 'approval_refused': return 'A coordinator did not approve this exchange, so no time can be recorded.';
    case 'adjustment_pending': return 'A changed time is waiting for the helper to accept it.';
    case 'no_adjustment': return 'There is no changed time to accept.';
    case 'approval_not_pending': return 'This exchange is not waiting for approval.';
    case 'already_reversed': return 'The hours for this exchange have already been reversed.';
    case 'nothing_to_reverse': return 'No hours have been posted for this exchange.';
    default: return STATE_MESSAGES[ex.status];
  }
}
