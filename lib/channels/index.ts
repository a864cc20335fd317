// The channel data layer, for the CLI and the operator console.
export { listChannels, getChannel, createChannel, updateChannel, enableChannel, disableChannel, removeChannel } from "./store";
export { testChannel, type ChannelTestResult } from "./test-call";
export { parseModelList, parseProvider } from "./validate";
export { CHANNEL_PROVIDERS, ChannelError, type ChannelInput, type ChannelModel, type ChannelProvider, type ChannelView } from "./types";
export type { ChannelHealth } from "./health";
