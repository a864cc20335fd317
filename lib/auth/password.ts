// Password hashing with argon2id (the native module is loaded on first use: the API process never hashes).

const argon2 = async () => (await import("argon2")).default;

export const PASSWORD_RULES = "at least 8 characters, with a letter and a digit";

/** Why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return `Password too short: use ${PASSWORD_RULES}.`;
  if (password.length > 200) return "Password too long: use at most 200 characters.";
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return `Password too weak: use ${PASSWORD_RULES}.`;
  return null;
}

/** Slow hash for storage. */
export async function hashPassword(password: string): Promise<string> {
  const { hash, argon2id } = await argon2();
  return hash(password, { type: argon2id });
}

/** Constant-time check of a password against its stored hash. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await (await argon2()).verify(hash, password);
  } catch {
    return false;
  }
}
