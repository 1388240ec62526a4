import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../../scripts/lib/audit.ts';
import { AuditLog } from '../../../shared/adapters/audit-log.ts';
import type { AuditTrail } from '../../../shared/contracts/audit.ts';
import { mailChainOf } from '../../../shared/domain/audit/audit-view.ts';
import { toVietnamIso } from '../../../shared/domain/calendar/time.ts';
import { mailAuditFields } from '../../../shared/domain/mail/mail-audit.ts';
import { dataOutput, submittedDossier } from '../../support/deployment.ts';
import { officerAct, officerGet, signInOfficer } from '../../support/officers.ts';

/**
 * The mail sender records each mail it sends about a dossier while officers act on that dossier. An
 * action writes its change and its audit entry in one transaction that fails if the chain moved on;
 * were the mails on the dossier's own chain, a mail recorded at that moment would turn an officer's
 * action into a 409. Here several dossiers get their actions and a stream of mail records at once,
 * written the way the sender writes them (`AuditLog.append` on `mailChainOf`).
 */
const COMMUNE = '000.17.22.H56';
const DOSSIERS = 3;
const MAX_FORWARDS = 3;
const MAX_MAILS_PER_DOSSIER = 25;

const mailLog = new AuditLog(dataOutput('AuditTableName'), dataOutput('AuditPendingTableName'));
const auditPath = (code: string) => `/officer/dossiers/${encodeURIComponent(code)}/audit`;

interface ActionAnswer {
  action: string;
  status: number;
  code?: string;
}

/** The desk accepts the dossier and hands it on as long as a step offers it, up to MAX_FORWARDS. */
async function actOn(officer: string, dossierCode: string): Promise<ActionAnswer[]> {
  const answers: ActionAnswer[] = [];
  const act = async (type: string) => {
    const answer = await officerAct<{ error?: { code: string } }>(officer, dossierCode, { type });
    answers.push({
      action: type,
      status: answer.status,
      ...(answer.body.error ? { code: answer.body.error.code } : {}),
    });
  };
  await act('accept');
  for (let hop = 0; hop < MAX_FORWARDS; hop += 1) {
    const view = await officerGet<{ stepActions?: { action: string }[] }>(
      officer,
      `/officer/dossiers/${encodeURIComponent(dossierCode)}`,
    );
    if (!view.body.stepActions?.some((offered) => offered.action === 'forward')) break;
    await act('forward');
  }
  return answers;
}

/** Records mails on the dossier's mail chain, one after another, until `done` says the actions ended. */
async function recordMails(dossierCode: string, done: () => boolean): Promise<string[]> {
  const messageIds: string[] = [];
  do {
    const messageId = `race-${dossierCode}-${messageIds.length}`;
    await mailLog.append(
      mailChainOf(dossierCode),
      mailAuditFields({
        template: 'receipt',
        to: 'hoa.nguyen@example.vn',
        state: 'sent',
        messageId,
        at: toVietnamIso(new Date()),
      }),
    );
    messageIds.push(messageId);
  } while (!done() && messageIds.length < MAX_MAILS_PER_DOSSIER);
  return messageIds;
}

describe('mails recorded while officers act on the same dossier', () => {
  let officer: string;
  const runs: { dossierCode: string; answers: ActionAnswer[]; messageIds: string[] }[] = [];

  beforeAll(async () => {
    officer = await signInOfficer(COMMUNE);
    const codes = await Promise.all(
      Array.from(
        { length: DOSSIERS },
        async () => (await submittedDossier({}, { routed: true })).dossierCode,
      ),
    );
    await Promise.all(
      codes.map(async (dossierCode) => {
        let acting = true;
        const [answers, messageIds] = await Promise.all([
          actOn(officer, dossierCode).finally(() => {
            acting = false;
          }),
          recordMails(dossierCode, () => !acting),
        ]);
        runs.push({ dossierCode, answers, messageIds });
      }),
    );
  });

  it('never refuses an action: every accept and forward answers 200, none 409', () => {
    for (const { dossierCode, answers } of runs) {
      expect(answers.length, dossierCode).toBeGreaterThanOrEqual(2);
      expect(
        answers.filter((answer) => answer.status !== 200),
        dossierCode,
      ).toEqual([]);
    }
  });

  it('keeps both chains whole: the trail verifies, with every action and every mail on it', async () => {
    for (const { dossierCode, answers, messageIds } of runs) {
      const trail = await officerGet<AuditTrail>(officer, auditPath(dossierCode));
      expect(trail.status).toBe(200);
      expect(trail.body).toMatchObject({ dossierCode, verified: true });
      const changes = trail.body.entries.filter((entry) => entry.kind === 'state_change');
      expect(changes.map((entry) => entry.action).sort()).toEqual(
        answers.map((answer) => answer.action).sort(),
      );
      const recorded = new Set(trail.body.mails.map((mail) => mail.messageId));
      for (const messageId of messageIds) expect(recorded, messageId).toContain(messageId);
      expect(await verifyAuditChains(mailLog, [dossierCode, mailChainOf(dossierCode)])).toEqual([
        expect.objectContaining({ intact: true }),
        expect.objectContaining({ intact: true }),
      ]);
    }
  });
});
