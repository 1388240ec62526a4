import { toVietnamIso } from '../../domain/calendar/time.ts';
import {
  REGISTER_COLUMNS,
  REGISTER_TITLE,
  type RegisterDocument,
  type RegisterQuery,
  registerCsv,
  registerPeriod,
  registerPeriodWording,
  registerRows,
  registerWindow,
} from '../../domain/documents/register.ts';
import type { DossierRecord } from '../../domain/lifecycle/dossier.ts';
import { unitCodes } from '../../domain/officers/officer-view.ts';

export interface RegisterPorts {
  dossiers: {
    /**
     * Dossiers received in [from, to) (Vietnam ISO times), from the index by time received: their
     * code and receiving unit, page by page.
     */
    receivedBetween(
      from: string,
      to: string,
    ): AsyncIterable<{ dossierCode?: string | undefined; agency?: { code: string } | undefined }>;
    /** The full records of these dossiers, in any order. */
    getMany(dossierCodes: readonly string[]): Promise<DossierRecord[]>;
  };
  /** Lays the register out as a PDF. */
  render(register: RegisterDocument): Promise<Uint8Array>;
  now(): Date;
}

export type UnitRegister =
  | { format: 'csv'; csv: string; fileName: string }
  | { format: 'pdf'; pdf: Uint8Array; fileName: string };

/**
 * The register (Sổ theo dõi hồ sơ) of the officer's unit for a period: every dossier the unit
 * received in it, under its current code or a former one, as CSV or PDF.
 */
export async function unitRegister(
  ports: RegisterPorts,
  unit: { code: string; name: string; aliases?: string[] | undefined },
  query: RegisterQuery,
): Promise<UnitRegister> {
  const period = registerPeriod(query, ports.now());
  const window = registerWindow(period);
  const codes = new Set(unitCodes(unit));
  const received: string[] = [];
  for await (const item of ports.dossiers.receivedBetween(window.from, window.to))
    if (item.dossierCode && item.agency && codes.has(item.agency.code)) received.push(item.dossierCode);
  const dossiers = received.length > 0 ? await ports.dossiers.getMany(received) : [];
  // The index is eventually consistent; only what the records themselves confirm is listed.
  const rows = registerRows(
    dossiers.filter(
      (dossier) =>
        codes.has(dossier.agency.code) &&
        dossier.receivedAt !== undefined &&
        dossier.receivedAt >= window.from &&
        dossier.receivedAt < window.to,
    ),
  );
  const fileName = `so-theo-doi-${unit.code}-${period.from}-${period.to}`;
  if (query.format === 'csv') return { format: 'csv', csv: registerCsv(rows), fileName: `${fileName}.csv` };
  const pdf = await ports.render({
    title: REGISTER_TITLE,
    unit: { code: unit.code, name: unit.name },
    period: registerPeriodWording(period),
    generatedAt: toVietnamIso(ports.now()),
    columns: REGISTER_COLUMNS,
    rows,
  });
  return { format: 'pdf', pdf, fileName: `${fileName}.pdf` };
}
