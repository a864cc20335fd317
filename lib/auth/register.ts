// Sign-up from the web form: password rules and duplicate e-mails reported against their field.
import { AccountError, createAccount, normaliseEmail } from "../accounts/create";
import { UserError } from "../actions/errors";
import { sendVerification } from "../accounts/email-links";
import { passwordProblem } from "./password";

/** Create an unverified account and e-mail its verification link (the credits follow it), or a UserError naming the field at fault. */
export async function register(input: { name?: string; email: string; password: string }): Promise<{ email: string }> {
  let email: string;
  try {
    email = normaliseEmail(input.email);
  } catch (err) {
    throw new UserError((err as Error).message, "email");
  }
  const problem = passwordProblem(input.password);
  if (problem) throw new UserError(problem, "password");
  let account;
  try {
    account = await createAccount({ email, password: input.password, name: input.name, unverified: true });
  } catch (err) {
    if (err instanceof AccountError) throw new UserError(err.message, "email");
    throw err;
  }
  await sendVerification(account.id);
  return { email: account.email };
}
