// Checking a channel's fields before they are stored; every refusal names the field.
import { CHANNEL_PROVIDERS, ChannelError, type ChannelInput, type ChannelModel, type ChannelProvider } from "./types";

/** What an operator may name a channel (the name is a metrics label and a log field). */
export const CHANNEL_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const MODEL = /^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,127}$/;

/** "deepseek-v3=deepseek-v3.2,deepseek-chat" as a model list. */
export function parseModelList(text: string): ChannelModel[] {
  const models = text.split(",").map((part) => part.trim()).filter(Boolean).map((part) => {
    const [id, upstream] = part.split("=").map((s) => s.trim());
    if (!MODEL.test(id) || (upstream !== undefined && !MODEL.test(upstream))) throw new ChannelError(`models: "${part}" is not a model id or id=upstream-name.`);
    return upstream ? { id, upstream } : { id };
  });
  if (!models.length) throw new ChannelError("models: name at least one public model id.");
  return models;
}

/** A provider type from its name. */
export function parseProvider(value: string): ChannelProvider {
  const provider = CHANNEL_PROVIDERS.find((p) => p === value.toLowerCase());
  if (!provider) throw new ChannelError(`provider must be one of ${CHANNEL_PROVIDERS.join(", ")}, not "${value}".`);
  return provider;
}

function wholeNumber(name: string, value: number | undefined | null, min: number, max: number): void {
  if (value === undefined || value === null) return;
  if (!Number.isSafeInteger(value) || value < min || value > max) throw new ChannelError(`${name} must be a whole number from ${min} to ${max}, not ${value}.`);
}

/** Check the fields given (all for a new channel, some for an edit). */
export function checkChannelFields(input: Partial<ChannelInput>): void {
  if (input.name !== undefined && !CHANNEL_NAME.test(input.name)) throw new ChannelError("name: 1–64 letters, digits, _ . - (starting with a letter or digit).");
  if (input.provider !== undefined) parseProvider(input.provider);
  if (input.baseUrl !== undefined) {
    let url: URL | null = null;
    try {
      url = new URL(input.baseUrl);
    } catch {
      // reported below
    }
    if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) throw new ChannelError(`base URL must be an http(s) URL, not "${input.baseUrl}".`);
  }
  if (input.apiKey !== undefined && (!input.apiKey.trim() || /\s/.test(input.apiKey))) throw new ChannelError("API key must be one word without spaces.");
  if (input.models !== undefined && !input.models.length) throw new ChannelError("models: name at least one public model id.");
  wholeNumber("weight", input.weight, 1, 1000);
  wholeNumber("priority", input.priority, -1000, 1000);
  wholeNumber("timeout", input.timeoutMs, 100, 600_000);
}
