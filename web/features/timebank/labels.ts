// Names for the time bank's enumerations in the current language. Each map is typed by the
// shared schema's union, so a new status, place or step fails the typecheck until it is named.
import type { ExchangeAction, ExchangeStatus } from '../../../common/exchanges.ts';
import type { LedgerTransaction } from '../../../common/ledger.ts';
import type { Listing } from '../../../common/offers.ts';
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
