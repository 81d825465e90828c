import { sendStoredDocument } from '../http/stored-document';
import type { Response } from 'express';
import type { AppDeps } from '../deps';
import { defineRoute } from '../http/route';
import { idParams } from '../http/common.schemas';
import { mapPage } from '../http/pagination';
import { listCommunications, type CommunicationWithCase } from './communications.repository';
import {
  createCommunication,
  loadCommunication,
  recordCommunicationReply,
  toCommunication,
} from './communications.service';
import {
  communicationSchema,
  communicationsPage,
  communicationsQuery,
  createCommunicationBody,
  replyBody,
} from './communications.schemas';

const READERS = ['case_officer', 'coordinator', 'investigator'] as const;

/**
 * Writes the stored kommuniceringsbrev: exactly the bytes stored when it was sent, with the same
 * headers as a decision letter. The API's document route and the letter page both answer through here.
 */
export function sendCommunicationLetter(res: Response, c: CommunicationWithCase): void {
  sendStoredDocument(res, c.document_html, c.document_sha256);
}

export function communicationsRoutes(deps: AppDeps) {
  const { db } = deps;
  return [
    defineRoute({
      method: 'post',
      path: '/api/communications',
      summary:
        'Kommunicering (förvaltningslagen 25 §): send the association the material a decision may rest on, with a deadline to answer',
      tag: 'communications',
      roles: ['case_officer'],
      body: createCommunicationBody,
      success: {
        status: 201,
        description: 'The communication, awaiting_reply, with the SHA-256 of its stored letter',
        schema: communicationSchema,
      },
      handler: ({ body, user }) => createCommunication(deps, user, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/communications',
      summary: 'Communications of an application’s case, or of every case of an association, newest first',
      tag: 'communications',
      roles: READERS,
      query: communicationsQuery,
      success: { status: 200, description: 'A page of communications', schema: communicationsPage },
      handler: async ({ query }) => {
        return mapPage(await listCommunications(db, query, query), toCommunication);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/communications/:id',
      summary: 'A communication: its case, deadline, status and answer',
      tag: 'communications',
      roles: READERS,
      params: idParams,
      success: { status: 200, description: 'The communication', schema: communicationSchema },
      handler: async ({ params }) => toCommunication(await loadCommunication(db, params.id)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/communications/:id/document',
      summary: 'The kommuniceringsbrev (Swedish, HTML): exactly the bytes stored when it was sent',
      tag: 'communications',
      roles: READERS,
      params: idParams,
      success: { status: 200, description: 'The letter', contentType: 'text/html' },
      handler: async ({ params, res }) => {
        sendCommunicationLetter(res, await loadCommunication(db, params.id));
        return undefined;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/communications/:id/reply',
      summary:
        'Record the association’s answer ({receivedOn, summary}), or once the deadline has passed that none came ({noReply: true})',
      tag: 'communications',
      roles: ['case_officer'],
      params: idParams,
      body: replyBody,
      success: {
        status: 200,
        description: 'The communication, replied or no_reply',
        schema: communicationSchema,
      },
      handler: ({ params, body, user }) => recordCommunicationReply(deps, user, params.id, body),
    }),
  ];
}
