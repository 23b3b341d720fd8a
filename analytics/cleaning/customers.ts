/** Standardizes one staged customer: demographics normalised; its PII arrives pseudonymized (pii.ts) and is kept as such. */
import { ageBand, generation, normalizeChannel, normalizeGender, type Gender } from './codes';
import { lookupCity } from './cities';
import { parseWallTime } from './dates';
import { optionalText, optionalTimestamp, requiredText, standardizeWith, type CleanContext, type RawRow, type Standardized } from './fields';
import { PSEUDONYM } from './pii';
import type { RuleName } from './rules';

export interface CleanCustomer {
  customerId: string;
  nameHash: string | null;
  phoneHash: string | null;
  emailHash: string | null;
  gender: Gender;
  birthYear: number | null;
  ageBand: string;
  generation: string;
  city: string;
  region: string;
  cityTier: string;
  signupAt: Date | null;
  signupChannel: string | null;
}

function birthYearOf(raw: RawRow, ctx: CleanContext, rules: Set<RuleName>): number | undefined {
  // Birth dates come as dates or as bare years; anything else is unknown, not a rejection.
  const text = optionalText(raw, 'birth_date', rules);
  if (text === undefined) return undefined;
  if (/^\d{4}$/.test(text)) return Number(text);
  return parseWallTime(text, ctx.dateFormats)?.wall.year;
}

/** A PII column's staged pseudonym (pseudonymizePii ran as the row was staged); raw PII here is a bug, never stored. */
function pseudonymOf(raw: RawRow, column: 'name' | 'phone' | 'email'): string | null {
  const value = raw[column];
  if (value === undefined || value === '') return null;
  if (!PSEUDONYM.test(value)) throw new Error(`standardizeCustomer: column ${column} holds raw text; stage customers through pseudonymizePii`);
  return value;
}

export function standardizeCustomer(raw: RawRow, ctx: CleanContext): Standardized<CleanCustomer> {
  return standardizeWith((rules) => {
    const customerId = requiredText(raw, 'customer_id', rules, 'missing_customer_id');
    const [nameHash, phoneHash, emailHash] = (['name', 'phone', 'email'] as const).map((column) => pseudonymOf(raw, column));
    if (nameHash || phoneHash || emailHash) rules.add('pii_pseudonymized');

    const genderText = optionalText(raw, 'gender', rules);
    const gender = normalizeGender(genderText);
    if (gender !== 'unknown' && genderText !== gender) rules.add('gender_code');

    const cityText = optionalText(raw, 'city', rules);
    const city = cityText ? lookupCity(cityText) : undefined;
    if (city && city.zh !== cityText) rules.add('city_alias');

    const birthYear = birthYearOf(raw, ctx, rules);
    const band = ageBand(birthYear, ctx.asOfYear);
    if (gender === 'unknown' || !city || band === 'unknown') rules.add('demographics_unknown');

    const signupChannelText = optionalText(raw, 'signup_channel', rules);
    return {
      customerId,
      nameHash,
      phoneHash,
      emailHash,
      gender,
      birthYear: band === 'unknown' ? null : birthYear ?? null,
      ageBand: band,
      generation: band === 'unknown' ? 'unknown' : generation(birthYear),
      city: city?.zh ?? cityText ?? 'unknown',
      region: city?.region ?? 'unknown',
      cityTier: city ? String(city.tier) : 'unknown',
      signupAt: optionalTimestamp(raw, 'signup_at', ctx, rules) ?? null,
      signupChannel: normalizeChannel(signupChannelText) ?? signupChannelText ?? null,
    };
  });
}
