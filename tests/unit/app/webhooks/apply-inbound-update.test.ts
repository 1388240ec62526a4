import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import {
  applyInboundUpdate,
  type InboundPorts,
} from '../../../../shared/app/webhooks/apply-inbound-update.ts';
import { weekendsOnlyCalendar } from '../../../../shared/domain/calendar/calendar.ts';
import type { UploadClaim } from '../../../../shared/domain/intake/attachment.ts';
import type { DossierRecord } from '../../../../shared/domain/lifecycle/dossier.ts';
import { defaultProcess } from '../../../../shared/domain/process/default-processes.ts';
import { startProcess, unitResolver } from '../../../../shared/domain/process/engine.ts';
import { memoryProcesses } from '../fixtures.ts';
import { commune, district, dossier, memoryLifecycle } from '../memory.ts';

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** The lifecycle in memory, the agencies' secrets (as the store holds them now) and the ids seen. */
function inbound(held: DossierRecord[], secrets: Map<string, string>) {
  const memory = memoryLifecycle(held);
  const seen = new Set<string>();
  const lookups: { agencyCode: string; recheck: boolean }[] = [];
  const cached = new Map<string, string | undefined>();
  const ports: InboundPorts<UploadClaim> = {
    ...memory.ports,
    processes: memoryProcesses(),
    agency: async (code) => [commune, district].find((agency) => agency.code === code),
    secrets: {
      secretOf: async (agencyCode, recheck) => {
        lookups.push({ agencyCode, recheck });
        if (recheck || !cached.has(agencyCode)) cached.set(agencyCode, secrets.get(agencyCode));
        return cached.get(agencyCode);
      },
    },
    replays: {
      rememberInbound: async (agencyCode, webhookId) => {
        const key = `${agencyCode}#${webhookId}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      },
    },
  };
  return { ...memory, ports, lookups };
}

let counter = 0;
function signed(secret: string, update: unknown, id = `msg_${++counter}`) {
  const body = typeof update === 'string' ? update : JSON.stringify(update);
  const at = new Date();
  return {
    body,
    headers: {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(id, at, body),
      'content-type': 'application/json',
      'x-absent': undefined,
    },
  };
}

const code = dossier().dossierCode;
const accept = { type: 'dossier.action', dossierCode: code, action: { type: 'accept' } };

describe('an agency system drives a dossier by a signed webhook', () => {
  it('applies the action through the lifecycle, audited as the agency system', async () => {
    const secret = newSecret();
    const { ports, chains, lines, dossiers } = inbound([dossier()], new Map([[commune.code, secret]]));
    const view = await applyInboundUpdate(ports, { agencyCode: commune.code, ...signed(secret, accept) });
    expect(view).toMatchObject({ dossierCode: code, status: 'accepted' });
    expect(dossiers.get(code)?.status).toBe('accepted');
    expect(chains.get(code)).toEqual([
      expect.objectContaining({ action: 'accept', actor: `system:${commune.code}` }),
    ]);
    expect(lines.at(-1)).toMatchObject({
      level: 'info',
      message: 'inbound webhook applied',
      fields: { agencyCode: commune.code, dossierCode: code, action: 'accept' },
    });
  });

  it('refuses a request signed with another secret, after looking the secret up again', async () => {
    const { ports, lines, lookups, chains } = inbound([dossier()], new Map([[commune.code, newSecret()]]));
    await expect(
      applyInboundUpdate(ports, { agencyCode: commune.code, ...signed(newSecret(), accept) }),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(lookups.map((lookup) => lookup.recheck)).toEqual([false, true]);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        message: 'inbound webhook refused',
        fields: expect.any(Object),
      }),
    ]);
    expect(chains.size).toBe(0);
  });

  it('accepts a secret rotated since it was cached', async () => {
    const secrets = new Map([[commune.code, newSecret()]]);
    const { ports } = inbound([dossier()], secrets);
    const old = secrets.get(commune.code) ?? '';
    await applyInboundUpdate(ports, { agencyCode: commune.code, ...signed(old, accept) });
    const rotated = newSecret();
    secrets.set(commune.code, rotated);
    const start = { ...accept, action: { type: 'start_processing' } };
    await expect(
      applyInboundUpdate(ports, { agencyCode: commune.code, ...signed(rotated, start) }),
    ).resolves.toMatchObject({ status: 'in_progress' });
  });

  it('refuses an agency without a secret', async () => {
    const { ports, lines } = inbound([dossier()], new Map());
    await expect(
      applyInboundUpdate(ports, { agencyCode: commune.code, ...signed(newSecret(), accept) }),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(lines[0]?.fields).toEqual({ agencyCode: commune.code, reason: 'no secret for this agency' });
  });

  it('accepts each webhook-id once: a replay is refused and changes nothing', async () => {
    const secret = newSecret();
    const { ports, chains, lines } = inbound([dossier()], new Map([[commune.code, secret]]));
    const request = { agencyCode: commune.code, ...signed(secret, accept, 'msg_once') };
    await applyInboundUpdate(ports, request);
    await expect(applyInboundUpdate(ports, request)).rejects.toMatchObject({ code: 'WEBHOOK_REPLAYED' });
    expect(chains.get(code)).toHaveLength(1);
    expect(lines.at(-1)?.fields).toEqual({
      agencyCode: commune.code,
      reason: 'replayed webhook-id',
      webhookId: 'msg_once',
    });
  });

  it('refuses a transition the status does not allow', async () => {
    const secret = newSecret();
    const { ports, chains } = inbound([dossier()], new Map([[commune.code, secret]]));
    const update = { ...accept, action: { type: 'return_result' } };
    await expect(
      applyInboundUpdate(ports, { agencyCode: commune.code, ...signed(secret, update) }),
    ).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect(chains.size).toBe(0);
  });

  it('answers not found for a dossier the agency does not hold', async () => {
    const secret = newSecret();
    const held = dossier({ currentAgency: district, currentAgencyCode: district.code });
    const { ports, lines } = inbound([held], new Map([[commune.code, secret]]));
    await expect(
      applyInboundUpdate(ports, { agencyCode: commune.code, ...signed(secret, accept) }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(lines.at(-1)?.fields).toMatchObject({
      reason: 'dossier not held by this agency',
      dossierCode: code,
    });
  });

  it('refuses a body that is not JSON, and actions that need an officer signature', async () => {
    const secret = newSecret();
    const { ports, chains } = inbound(
      [dossier({ status: 'in_progress' })],
      new Map([[commune.code, secret]]),
    );
    // standardwebhooks parses the payload as it verifies it, so a signed non-JSON body fails there.
    await expect(
      applyInboundUpdate(ports, { agencyCode: commune.code, ...signed(secret, '{"type":') }),
    ).rejects.toThrow(SyntaxError);
    expect(chains.size).toBe(0);
    const complete = { ...accept, action: { type: 'complete' } };
    await expect(
      applyInboundUpdate(ports, { agencyCode: commune.code, ...signed(secret, complete) }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'action.type' }] });
  });
});

describe('an agency system at the steps of a dossier’s process', () => {
  const unit = { code: commune.code, name: commune.name, tier: commune.tier };
  /** Received by the commune on Tuesday 01/12 at 08:00, its reception step open. */
  const following = () =>
    dossier({
      status: 'accepted',
      process: startProcess(
        defaultProcess('commune'),
        {
          receivingAgency: unit,
          currentAgency: unit,
          resolveUnit: unitResolver([], []),
          statutoryMinutes: 3 * 480,
          calendar: weekendsOnlyCalendar,
        },
        new Date('2026-12-01T08:00:00+07:00'),
        '2026-12-04T08:00:00+07:00',
        'tiep-nhan',
      ),
    });
  const action = (type: string) => ({ type: 'dossier.action', dossierCode: code, action: { type } });

  it('takes the steps its unit holds with no role check, and is refused an action no open step allows', async () => {
    const secret = newSecret();
    const { ports, dossiers } = inbound([following()], new Map([[commune.code, secret]]));
    const send = (type: string) =>
      applyInboundUpdate(ports, { agencyCode: commune.code, ...signed(secret, action(type)) });
    await expect(send('return_result')).rejects.toMatchObject({ code: 'STEP_ACTION_NOT_ALLOWED' });
    await send('forward');
    const drafted = await send('forward');
    expect(drafted.process).toMatchObject({
      draftedBy: `system:${commune.code}`,
      active: [{ step: 'PHE_DUYET' }],
    });
    const sentBack = await send('send_back');
    expect(sentBack).toMatchObject({ status: 'in_progress', process: { active: [{ step: 'THAM_DINH' }] } });
    expect(dossiers.get(code)?.process?.done.map((row) => row.finishedBy)).toEqual([
      `system:${commune.code}`,
      `system:${commune.code}`,
      `system:${commune.code}`,
    ]);
  });
});
