import { describe, expect, it } from 'vitest';
import { listCatalog } from '../../../../shared/app/catalog/list-catalog.ts';
import { birthInCommune, birthInDistrict, commune, district } from '../memory-ports.ts';

describe('the catalog', () => {
  it('lists procedures and agencies each ordered by code', async () => {
    const reference = {
      catalog: async () => ({ procedures: [birthInDistrict, birthInCommune], agencies: [commune, district] }),
    };
    expect(await listCatalog({ reference })).toEqual({
      procedures: [birthInCommune, birthInDistrict],
      agencies: [district, commune],
    });
  });
});
