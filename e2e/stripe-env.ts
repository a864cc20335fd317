// Placeholder until the billing work provides the Stripe fake for e2e runs (owned by the billing developer).
export async function startStripeFake() { return { env: {}, close: async () => {} }; }
