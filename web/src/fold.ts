/** Text as compared in searches: no diacritics, "đ" as "d", lower case ("Nguyễn Đức" → "nguyen duc"). */
export const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase();
