import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { communityParams } from '../../../common/communities.ts';
import { errorResponses } from '../../../common/errors.ts';
import {
  communityReport,
  donationBody,
  fundSummary,
  grantBody,
  groupExchange,
  groupExchangeBody,
  ledgerCheck,
  ledgerTransaction,
  reportCsvQuery,
  reportQuery,
  reversalBody,
  statement,
  statementCsvQuery,
  statementQuery,
  statementTotals,
  statementTotalsQuery,
  timebankSettings,
  timebankSettingsUpdate,
  transactionParams,
  transactionsQuery,
} from '../../../common/ledger.ts';
import { requireActor } from '../../lib/access.ts';
import type { Deps } from '../../lib/deps.ts';
import { timebankActor } from './actor.ts';
import { checkLedger, communityReport as buildReport, reportCsv } from './reports.ts';
import { getSettings, presentSettings, updateSettings } from './settings.ts';
import { fundSummary as buildFund, getStatement, statementCsv } from './statement.ts';
import { statementTotals as buildTotals } from './totals.ts';
import { donate, getTransaction, grant, listTransactions, recordGroupExchange, reverse } from './transfers.ts';

/** Time-bank settings, statements, the community fund, grants, reversals, group exchanges and reports. */
export function ledgerRoutes(app: FastifyInstance, { db }: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['ledger'];
  const base = '/api/communities/:communityId';
  const csv = { 200: z.string().describe('text/csv'), ...errorResponses };

  r.get(`${base}/timebank/settings`, { config: { access: 'member' }, schema: { tags, params: communityParams, response: { 200: timebankSettings, ...errorResponses } } }, async (request) =>
    presentSettings(await getSettings(db, request.params.communityId)),
  );

  r.put(`${base}/timebank/settings`, { config: { access: 'coordinator' }, schema: { tags, params: communityParams, body: timebankSettingsUpdate, response: { 200: timebankSettings, ...errorResponses } } }, async (request) =>
    updateSettings(db, request.params.communityId, requireActor(request).userId, request.body),
  );

  r.get(`${base}/ledger/statement`, { config: { access: 'member' }, schema: { tags, params: communityParams, querystring: statementQuery, response: { 200: statement, ...errorResponses } } }, async (request) =>
    getStatement(db, request.params.communityId, timebankActor(request), request.query),
  );

  r.get(`${base}/ledger/statement/totals`, { config: { access: 'member' }, schema: { tags, params: communityParams, querystring: statementTotalsQuery, response: { 200: statementTotals, ...errorResponses } } }, async (request) =>
    buildTotals(db, request.params.communityId, timebankActor(request), request.query),
  );

  r.get(`${base}/ledger/statement.csv`, { config: { access: 'member' }, schema: { tags, params: communityParams, querystring: statementCsvQuery, response: csv } }, async (request, reply) => {
    const { filename, csv: body } = await statementCsv(db, request.params.communityId, timebankActor(request), request.query);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).serializer((p) => p as string).send(body);
  });

  r.get(`${base}/ledger/fund`, { config: { access: 'member' }, schema: { tags, params: communityParams, response: { 200: fundSummary, ...errorResponses } } }, async (request) =>
    buildFund(db, request.params.communityId),
  );

  r.post(`${base}/ledger/donations`, { config: { access: 'member.act' }, schema: { tags, params: communityParams, body: donationBody, response: { 201: ledgerTransaction, ...errorResponses } } }, async (request, reply) => {
    const posted = await donate(db, request.params.communityId, requireActor(request).userId, request.body);
    reply.code(201);
    return posted;
  });

  r.post(`${base}/ledger/grants`, { config: { access: 'coordinator' }, schema: { tags, params: communityParams, body: grantBody, response: { 201: ledgerTransaction, ...errorResponses } } }, async (request, reply) => {
    const posted = await grant(db, request.params.communityId, requireActor(request).userId, request.body);
    reply.code(201);
    return posted;
  });

  r.get(`${base}/ledger/transactions`, { config: { access: 'coordinator' }, schema: { tags, params: communityParams, querystring: transactionsQuery, response: { 200: z.array(ledgerTransaction), ...errorResponses } } }, async (request) =>
    listTransactions(db, request.params.communityId, request.query),
  );

  r.get(`${base}/ledger/transactions/:transactionId`, { config: { access: 'coordinator' }, schema: { tags, params: transactionParams, response: { 200: ledgerTransaction, ...errorResponses } } }, async (request) =>
    getTransaction(db, request.params.communityId, request.params.transactionId),
  );

  r.post(`${base}/ledger/transactions/:transactionId/reversal`, { config: { access: 'coordinator' }, schema: { tags, params: transactionParams, body: reversalBody, response: { 201: ledgerTransaction, ...errorResponses } } }, async (request, reply) => {
    const posted = await reverse(db, request.params.communityId, requireActor(request).userId, request.params.transactionId, request.body.reason);
    reply.code(201);
    return posted;
  });

  r.post(`${base}/ledger/group-exchanges`, { config: { access: 'member.act' }, schema: { tags, params: communityParams, body: groupExchangeBody, response: { 201: groupExchange, ...errorResponses } } }, async (request, reply) => {
    const recorded = await recordGroupExchange(db, request.params.communityId, requireActor(request).userId, request.body);
    reply.code(201);
    return recorded;
  });

  r.get(`${base}/ledger/reports`, { config: { access: 'coordinator' }, schema: { tags, params: communityParams, querystring: reportQuery, response: { 200: communityReport, ...errorResponses } } }, async (request) =>
    buildReport(db, request.params.communityId, request.query),
  );

  r.get(`${base}/ledger/reports.csv`, { config: { access: 'coordinator' }, schema: { tags, params: communityParams, querystring: reportCsvQuery, response: csv } }, async (request, reply) => {
    const report = await buildReport(db, request.params.communityId, request.query);
    const { filename, csv: body } = reportCsv(report, request.query.section);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).serializer((p) => p as string).send(body);
  });

  r.get(`${base}/ledger/check`, { config: { access: 'coordinator' }, schema: { tags, params: communityParams, response: { 200: ledgerCheck, ...errorResponses } } }, async (request) =>
    checkLedger(db, request.params.communityId),
  );
}
