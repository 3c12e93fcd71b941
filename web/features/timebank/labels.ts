// Names for the time bank's enumerations in the current language. Each map is typed by the
// shared schema's union, so a new status, place or step fails the typecheck until it is named.
import type { ExchangeAction, ExchangeStatus } from '../../../common/exchanges.ts';
import type { LedgerTransaction } from '../../../common/ledger.ts';
import type { HelperNeed, HelperNeedReason, Listing } from '../../../common/offers.ts';
import type { VerificationLevel } from '../../../common/verification.ts';
import { categoryName } from '../../components/labels.ts';
import { t, type MessageKey } from '../../i18n/index.ts';

export const PLACES: Listing['place'][] = ['at_home', 'in_someones_home', 'in_public', 'online'];
const PLACE_KEYS: Record<Listing['place'], MessageKey> = {
  at_home: 'timebank.place.at_home',
  in_someones_home: 'timebank.place.in_someones_home',
  in_public: 'timebank.place.in_public',
  online: 'timebank.place.online',
};
/** Where the help happens, in words. */
export const placeName = (place: Listing['place']) => t(PLACE_KEYS[place]);

/** The words for what a listing's helper must be, per level (nothing to say for any member). */
type NeedWords = { badge: MessageKey; title: MessageKey; body: MessageKey; you: MessageKey; how: MessageKey; owner: MessageKey };
const NEED_WORDS: Record<Exclude<VerificationLevel, 'registered'>, NeedWords> = {
  vouched: {
    badge: 'timebank.listing.needsVouched', title: 'timebank.listing.vouchedTitle', body: 'timebank.listing.vouched',
    you: 'timebank.answer.youVouched', how: 'timebank.answer.howVouched', owner: 'timebank.answer.ownerVouched',
  },
  verified: {
    badge: 'timebank.listing.needsVerified', title: 'timebank.listing.verifiedTitle', body: 'timebank.listing.verified',
    you: 'timebank.answer.youVerified', how: 'timebank.answer.howVerified', owner: 'timebank.answer.ownerVerified',
  },
  'safeguarding-checked': {
    badge: 'timebank.listing.needsSafeguarding', title: 'timebank.listing.safeguardingTitle', body: 'timebank.listing.safeguarding',
    you: 'timebank.answer.youSafeguarding', how: 'timebank.answer.howSafeguarding', owner: 'timebank.answer.ownerSafeguarding',
  },
};
/** What to say about a listing's need, or null when any member may help. */
export const needWords = (need: HelperNeed | null): { [K in keyof NeedWords]: (params?: Record<string, string>) => string } | null => {
  if (!need || need.level === 'registered') return null;
  const keys = NEED_WORDS[need.level];
  return {
    badge: () => t(keys.badge), title: () => t(keys.title), body: () => t(keys.body),
    you: () => t(keys.you), how: () => t(keys.how), owner: (params = {}) => t(keys.owner, params),
  };
};

const NEED_REASON_KEYS: Record<HelperNeedReason, MessageKey> = {
  children: 'timebank.need.children',
  vulnerable_adults: 'timebank.need.vulnerable_adults',
  category: 'timebank.need.category',
  in_someones_home: 'timebank.need.in_someones_home',
};
/** Why a listing needs what it does, one sentence per reason. */
export const needReasons = (need: HelperNeed, category: string) => need.reasons.map((reason) => t(NEED_REASON_KEYS[reason], { category: categoryName(category).toLowerCase() }));

const LISTING_STATUS_KEYS: Record<Listing['status'], MessageKey> = { open: 'timebank.listingStatus.open', paused: 'timebank.listingStatus.paused', closed: 'timebank.listingStatus.closed' };
/** An offer's or request's status, in words. */
export const listingStatusName = (status: Listing['status']) => t(LISTING_STATUS_KEYS[status]);

export const EXCHANGE_STATUSES: ExchangeStatus[] = ['proposed', 'accepted', 'done', 'confirmed', 'declined', 'cancelled', 'disputed', 'resolved'];
const STATUS_KEYS: Record<ExchangeStatus, MessageKey> = {
  proposed: 'timebank.status.proposed',
  accepted: 'timebank.status.accepted',
  done: 'timebank.status.done',
  confirmed: 'timebank.status.confirmed',
  declined: 'timebank.status.declined',
  cancelled: 'timebank.status.cancelled',
  disputed: 'timebank.status.disputed',
  resolved: 'timebank.status.resolved',
};
/** An exchange's status, in words. */
export const statusName = (status: ExchangeStatus) => t(STATUS_KEYS[status]);
/** The badge style for a status: finished well, waiting, or stopped. */
export const statusTone = (status: ExchangeStatus) =>
  status === 'confirmed' || status === 'resolved' ? 'badge--verified' : status === 'disputed' ? 'badge--warning' : status === 'declined' || status === 'cancelled' ? 'badge--registered' : 'badge--vouched';

const ACTION_KEYS: Record<ExchangeAction, MessageKey> = {
  accept: 'timebank.todo.accept',
  decline: 'timebank.todo.accept',
  cancel: 'timebank.todo.cancel',
  record: 'timebank.todo.record',
  confirm: 'timebank.todo.confirm',
  adjust: 'timebank.todo.confirm',
  accept_adjustment: 'timebank.todo.accept_adjustment',
  dispute: 'timebank.todo.dispute',
  approve: 'timebank.todo.approve',
  refuse: 'timebank.todo.approve',
  resolve: 'timebank.todo.resolve',
  reference: 'timebank.todo.reference',
  reverse: 'timebank.todo.reverse',
};
// Actions that are always open along the way and are not "your turn" on their own.
const BACKGROUND: ExchangeAction[] = ['cancel', 'dispute', 'reverse'];
/** What the viewer is being asked to do next, in words, or null when nothing waits for them. */
export function nextTodo(actions: readonly ExchangeAction[]): string | null {
  const first = actions.find((action) => !BACKGROUND.includes(action));
  return first ? t(ACTION_KEYS[first]) : null;
}

const EVENT_KEYS: Record<string, MessageKey> = {
  proposed: 'timebank.event.proposed',
  accepted: 'timebank.event.accepted',
  declined: 'timebank.event.declined',
  cancelled: 'timebank.event.cancelled',
  approved: 'timebank.event.approved',
  refused: 'timebank.event.refused',
  done: 'timebank.event.done',
  adjusted: 'timebank.event.adjusted',
  adjustment_accepted: 'timebank.event.adjustment_accepted',
  confirmed: 'timebank.event.confirmed',
  auto_confirmed: 'timebank.event.auto_confirmed',
  auto_confirm_held: 'timebank.event.auto_confirm_held',
  disputed: 'timebank.event.disputed',
  resolved: 'timebank.event.resolved',
  proxy_recorded: 'timebank.event.proxy_recorded',
};
/** One step on an exchange's timeline, in words ("Samir Haddad recorded the time"). */
export const eventText = (kind: string, actor: string) => t(EVENT_KEYS[kind] ?? 'timebank.event.other', { name: actor });

export const TRANSACTION_KINDS: LedgerTransaction['kind'][] = ['exchange', 'group_exchange', 'donation', 'grant', 'reversal'];
const KIND_KEYS: Record<LedgerTransaction['kind'], MessageKey> = {
  exchange: 'timebank.txKind.exchange',
  group_exchange: 'timebank.txKind.group_exchange',
  donation: 'timebank.txKind.donation',
  grant: 'timebank.txKind.grant',
  reversal: 'timebank.txKind.reversal',
};
/** A kind of ledger transaction, in words. */
export const transactionKindName = (kind: LedgerTransaction['kind']) => t(KIND_KEYS[kind]);
