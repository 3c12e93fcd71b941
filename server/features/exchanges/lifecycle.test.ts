import { describe, expect, it } from 'vitest';
import { allowedActions, requireAction, type ExchangeState } from './lifecycle.ts';

const P = 'provider-id';
const R = 'receiver-id';
const state = (over: Partial<ExchangeState> = {}): ExchangeState => ({
  status: 'proposed', approval: 'not_needed', providerId: P, receiverId: R, proposedBy: R, adjustedMinutes: null, transactionId: null, reversed: false, referencedBy: [], ...over,
});
const provider = { identities: [P], coordinator: false };
const receiver = { identities: [R], coordinator: false };
const coordinator = { identities: ['c'], coordinator: true };
const stranger = { identities: ['s'], coordinator: false };

describe('who may do what, when', () => {
  it('lets the person asked accept or decline, and the proposer withdraw', () => {
    expect(allowedActions(state(), provider)).toEqual(['accept', 'decline']);
    expect(allowedActions(state(), receiver)).toEqual(['cancel']);
    expect(allowedActions(state({ proposedBy: P }), receiver)).toEqual(['accept', 'decline']);
  });

  it('lets the helper record once accepted and approved, and either side cancel or dispute', () => {
    expect(allowedActions(state({ status: 'accepted' }), provider)).toEqual(['cancel', 'record', 'dispute']);
    expect(allowedActions(state({ status: 'accepted', approval: 'pending' }), provider)).toEqual(['cancel', 'dispute']);
    expect(allowedActions(state({ status: 'accepted', approval: 'pending' }), coordinator)).toEqual(['approve', 'refuse']);
  });

  it('lets the receiver confirm or adjust, and the helper accept an adjustment', () => {
    expect(allowedActions(state({ status: 'done' }), receiver)).toEqual(['confirm', 'adjust', 'dispute']);
    expect(allowedActions(state({ status: 'done', adjustedMinutes: 30 }), receiver)).toEqual(['dispute']);
    expect(allowedActions(state({ status: 'done', adjustedMinutes: 30 }), provider)).toEqual(['accept_adjustment', 'dispute']);
  });

  it('leaves references once each, and reversals to coordinators', () => {
    const confirmed = state({ status: 'confirmed', transactionId: 't' });
    expect(allowedActions(confirmed, receiver)).toEqual(['reference']);
    expect(allowedActions({ ...confirmed, referencedBy: [R] }, receiver)).toEqual([]);
    expect(allowedActions(confirmed, coordinator)).toEqual(['reverse']);
    expect(allowedActions({ ...confirmed, reversed: true }, coordinator)).toEqual([]);
    expect(allowedActions(state({ status: 'disputed' }), coordinator)).toEqual(['resolve']);
  });

  it('answers 404 to strangers, 403 to the wrong side and 409 at the wrong moment', () => {
    const done = state({ status: 'done' });
    expect(() => requireAction(done, stranger, 'confirm')).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => requireAction(done, provider, 'confirm')).toThrow(expect.objectContaining({ status: 403, code: 'exchange.not_allowed' }));
    expect(() => requireAction(state({ status: 'confirmed' }), receiver, 'confirm')).toThrow(expect.objectContaining({ status: 409, code: 'exchange.already_confirmed' }));
    expect(() => requireAction(state({ status: 'cancelled' }), provider, 'accept')).toThrow(expect.objectContaining({ status: 409, message: 'This exchange was cancelled.' }));
  });

  it('treats an organisation agent as the organisation', () => {
    expect(allowedActions(state({ status: 'done', receiverId: 'org' }), { identities: ['agent', 'org'], coordinator: false })).toEqual(['confirm', 'adjust', 'dispute']);
  });
});
