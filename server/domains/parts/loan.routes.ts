import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { allow, contextOf } from '../../http/access.js';
import { ErrorResponses } from '../../http/openapi.js';
import { Page } from '../../http/pagination.js';
import { IdParams } from '../users/user.schemas.js';
import { CreateLoanBody, LoanListQuery, LoanSchema, ReturnLoanBody } from './loan.schemas.js';
import { createLoan, getLoan, listLoans, returnLoan } from './loan.service.js';
import { partsPolicy } from './parts.policy.js';

const tags = ['spare parts'];
const Loan = Type.Ref(LoanSchema);

/** Loaners (备用机, issue 7 item 6): lent to a customer's site and taken back; staff only. */
export function loanRoutes(app: FastifyInstance, deps: Deps): void {
  const id = (request: { params: unknown }) => (request.params as IdParams).id;

  app.get(
    '/api/loans',
    { config: { access: allow(partsPolicy.read) }, schema: { tags, summary: 'Loaners lent, newest first: the open ones, a customer’s, the overdue ones', querystring: LoanListQuery, response: { 200: Page(Loan), ...ErrorResponses } } },
    async (request) => listLoans(deps, request.query as LoanListQuery),
  );
  app.post(
    '/api/loans',
    {
      config: { access: allow(partsPolicy.loans) },
      schema: { tags, summary: 'Lend a loaner unit to a customer’s site: it leaves the store and shows as their asset (借出备用机)', body: CreateLoanBody, response: { 201: Loan, ...ErrorResponses } },
    },
    async (request, reply) => reply.status(201).send(await createLoan(deps, contextOf(request), request.body as CreateLoanBody)),
  );
  app.get(
    '/api/loans/:id',
    { config: { access: allow(partsPolicy.read) }, schema: { tags, summary: 'One loan', params: IdParams, response: { 200: Loan, ...ErrorResponses } } },
    async (request) => getLoan(deps, id(request)),
  );
  app.post(
    '/api/loans/:id/return',
    {
      config: { access: allow(partsPolicy.loans) },
      schema: { tags, summary: 'Take a loaner back into a store: in stock again, and off the customer’s asset list', params: IdParams, body: ReturnLoanBody, response: { 200: Loan, ...ErrorResponses } },
    },
    async (request) => returnLoan(deps, contextOf(request), id(request), request.body as ReturnLoanBody),
  );
}
