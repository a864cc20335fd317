// A generic OpenAI-compatible host (a third party serving the same open models):
// OpenAI's own ranges, no extras, errors by status.
import { classifyByStatus } from "./common";
import type { Adaptor } from "./types";

export const openaiAdaptor: Adaptor = {
  id: "openai",
  extras: [],
  adapt: () => undefined,
  classify: classifyByStatus,
};
