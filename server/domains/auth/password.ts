import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt from node:crypto (DESIGN.md, security). N=2^15 costs ~50 ms and 32 MiB per hash here:
// slow for a guesser, fast enough for people signing in.
const PARAMS = { N: 32768, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...options, maxmem: 128 * options.N! * options.r! * 2 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** `scrypt$N$r$p$salt$hash`, base64url; the parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash that no password matches, compared against when the user does not exist (no timing oracle). */
export const UNUSABLE_HASH = `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${'A'.repeat(22)}$${'A'.repeat(43)}`;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/** The password rules a new password breaks, as rule ids the UI translates; empty when it is fine. */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push('min_length');
  if (password.length > PASSWORD_MAX_LENGTH) problems.push('max_length');
  if (!/\p{L}/u.test(password) || !/\p{N}/u.test(password)) problems.push('letters_and_digits');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('contains_username');
  if (/^(.)\1+$/u.test(password)) problems.push('repeated');
  return problems;
}

const READABLE = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random one-time password people can read aloud over the phone (no 0/O, 1/l/I). */
export function generatePassword(length = 14): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += READABLE[b % READABLE.length];
  // Guarantee the letters-and-digits rule.
  return `${out.slice(0, length - 2)}${READABLE[bytes[0]! % 24]}${(bytes[1]! % 8) + 2}`;
}
