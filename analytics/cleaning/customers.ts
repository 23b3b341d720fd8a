/** Standardizes one raw customer: demographics normalised, PII pseudonymised. */
import { ageBand, generation, normalizeChannel, normalizeGender, normalizePhone, type Gender } from './codes';
import { lookupCity } from './cities';
import { parseWallTime } from './dates';
import { optionalText, optionalTimestamp, requiredText, standardizeWith, type CleanContext, type RawRow, type Standardized } from './fields';
import { pseudonymize } from './pii';
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

export function standardizeCustomer(raw: RawRow, ctx: CleanContext): Standardized<CleanCustomer> {
  return standardizeWith((rules) => {
    const customerId = requiredText(raw, 'customer_id', rules, 'missing_customer_id');
    const name = optionalText(raw, 'name', rules);
    const phone = normalizePhone(optionalText(raw, 'phone', rules));
    const email = optionalText(raw, 'email', rules)?.toLowerCase();
    if (name || phone || email) rules.add('pii_pseudonymized');

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
      nameHash: pseudonymize(name, ctx.piiSalt) ?? null,
      phoneHash: pseudonymize(phone, ctx.piiSalt) ?? null,
      emailHash: pseudonymize(email, ctx.piiSalt) ?? null,
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
