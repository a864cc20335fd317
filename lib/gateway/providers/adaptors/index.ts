// The adaptor of each channel provider type.
import { dashscopeAdaptor } from "./dashscope";
import { deepseekAdaptor } from "./deepseek";
import { openaiAdaptor } from "./openai";
import type { Adaptor } from "./types";
import { zhipuAdaptor } from "./zhipu";

export const ADAPTORS: Record<Adaptor["id"], Adaptor> = {
  deepseek: deepseekAdaptor,
  dashscope: dashscopeAdaptor,
  zhipu: zhipuAdaptor,
  openai: openaiAdaptor,
};
