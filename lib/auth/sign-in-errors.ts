// Sign-in answers the form acts on, shared by the server and the browser.

/** The password was right; the account's second factor is still needed. */
export const TWO_FACTOR_REQUIRED = "TwoFactorRequired";
