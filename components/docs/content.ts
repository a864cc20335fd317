// Code samples of the API documentation, with this install's base URL.

/** Every code sample the docs page shows. */
export function docSamples(baseUrl: string) {
  return {
    python: `# Install the OpenAI SDK
pip install openai

# example.py
from openai import OpenAI

client = OpenAI(
    api_key="your-sib-ai-api-key",
    base_url="${baseUrl}/v1"
)

response = client.chat.completions.create(
    model="deepseek-chat",
    messages=[
        {
            "role": "user",
            "content": "Hello! What models are available?"
        }
    ]
)

print(response.choices[0].message.content)`,
    curl: `curl ${baseUrl}/v1/chat/completions \\
  -H "Authorization: Bearer YOUR_SIB_AI_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{
    "model": "deepseek-chat",
    "messages": [
      {
        "role": "user",
        "content": "Hello! What models are available?"
      }
    ]
  }'`,
    node: `// Install: npm install openai
import OpenAI from 'openai';

const client = new OpenAI({
  apiKey: 'your-sib-ai-api-key',
  baseURL: '${baseUrl}/v1',
});

async function main() {
  const response = await client.chat.completions.create({
    model: 'deepseek-chat',
    messages: [
      {
        role: 'user',
        content: 'Hello! What models are available?'
      }
    ]
  });

  console.log(response.choices[0].message.content);
}

main();`,
    authHeader: "Authorization: Bearer sib-your-api-key-here",
    listModels: `curl ${baseUrl}/v1/models \\
  -H "Authorization: Bearer YOUR_SIB_AI_API_KEY"`,
    requestExample: `from openai import OpenAI

client = OpenAI(
    api_key="your-sib-ai-api-key",
    base_url="${baseUrl}/v1"
)

response = client.chat.completions.create(
    model="deepseek-chat",
    messages=[
        {
            "role": "system",
            "content": "You are a helpful assistant."
        },
        {
            "role": "user",
            "content": "Explain quantum computing in simple terms."
        }
    ],
    temperature=0.7,
    max_tokens=1024
)

print(response.choices[0].message.content)`,
    responseExample: `{
  "id": "chatcmpl-123abc456",
  "object": "chat.completion",
  "created": 1700000000,
  "model": "deepseek-chat",
  "choices": [
    {
      "index": 0,
      "message": {
        "role": "assistant",
        "content": "Quantum computing is a type of computation..."
      },
      "finish_reason": "stop"
    }
  ],
  "usage": {
    "prompt_tokens": 25,
    "completion_tokens": 150,
    "total_tokens": 175
  }
}`,
    streaming: `from openai import OpenAI

client = OpenAI(
    api_key="your-sib-ai-api-key",
    base_url="${baseUrl}/v1"
)

stream = client.chat.completions.create(
    model="deepseek-chat",
    messages=[{"role": "user", "content": "Tell me a story."}],
    stream=True
)

for chunk in stream:
    if chunk.choices[0].delta.content:
        print(chunk.choices[0].delta.content, end="")`,
    streamFormat: `data: {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1700000000,"model":"deepseek-chat","choices":[{"index":0,"delta":{"content":"Quantum"},"finish_reason":null}]}

data: {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1700000000,"model":"deepseek-chat","choices":[{"index":0,"delta":{"content":" computing"},"finish_reason":null}]}

data: {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1700000000,"model":"deepseek-chat","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

data: [DONE]`,
    errorFormat: `{
  "error": {
    "code": "invalid_api_key",
    "message": "Invalid API key provided",
    "param": null,
    "type": "invalid_request_error"
  }
}`,
    rateHeaders: `X-RateLimit-Limit: 100           # Your plan limit
X-RateLimit-Remaining: 95       # Requests remaining
X-RateLimit-Reset: 1700000060   # Unix timestamp when limit resets`,
    openaiRateHeaders: `x-ratelimit-limit-requests: 100       # requests per minute
x-ratelimit-remaining-requests: 95    # requests left in this minute
x-ratelimit-reset-requests: 17.2s     # until the requests window resets
x-ratelimit-limit-tokens: 100000      # tokens per minute
x-ratelimit-remaining-tokens: 98250   # tokens left in this minute (when the request was admitted)
x-ratelimit-reset-tokens: 17.2s       # until the tokens window resets`,
  };
}

export const DOC_SECTIONS = [
  { id: "quick-start", label: "Quick start" },
  { id: "python", label: "Python SDK", sub: true },
  { id: "curl", label: "cURL", sub: true },
  { id: "node", label: "Node.js SDK", sub: true },
  { id: "authentication", label: "Authentication" },
  { id: "key-controls", label: "Key limits", sub: true },
  { id: "models", label: "Models reference" },
  { id: "chat-completions", label: "Chat completions" },
  { id: "streaming", label: "Streaming", sub: true },
  { id: "claude-code", label: "Use with Claude Code" },
  { id: "model-names", label: "Model names", sub: true },
  { id: "messages-errors", label: "Messages API errors", sub: true },
  { id: "errors", label: "Error codes" },
  { id: "rate-limits", label: "Rate limits" },
];

export const PARAMETERS: { name: string; required?: boolean; type: string; text: string }[] = [
  { name: "model", required: true, type: "string", text: "The model ID to use. See the models reference." },
  { name: "messages", required: true, type: "array", text: "A list of message objects with role (system/user/assistant) and content: a string, or OpenAI content parts. Text parts reach every model; the catalog's models read text only, so an image part is refused with a 400 that names it." },
  { name: "stream", type: "boolean", text: "If true, responses are streamed back as Server-Sent Events. Default: false" },
  { name: "temperature", type: "float", text: "Sampling temperature (0-2). Higher values make output more random. Default: 0.7" },
  { name: "max_tokens", type: "integer", text: "Maximum number of tokens to generate. Default: 4096" },
  { name: "top_p", type: "float", text: "Nucleus sampling parameter (0-1). Default: 1" },
  { name: "frequency_penalty", type: "float", text: "Penalize new tokens based on existing frequency. Range: -2 to 2. Default: 0" },
  { name: "presence_penalty", type: "float", text: "Penalize new tokens based on whether they appear. Range: -2 to 2. Default: 0" },
  { name: "stop", type: "string/array", text: "Up to 4 sequences where the API will stop generating tokens." },
  { name: "stream_options", type: "object", text: "Set include_usage: true to receive a final chunk with token usage when streaming." },
];

export const ERRORS: { status: number; code: string; text: string }[] = [
  { status: 400, code: "invalid_request", text: "Malformed request body or missing required parameters" },
  { status: 401, code: "invalid_api_key", text: "Invalid, missing, revoked or expired API key. An expired key's message names the day it expired. Check your API key in the dashboard." },
  { status: 402, code: "insufficient_credits", text: "Your balance cannot cover the request. Add credits in the dashboard." },
  { status: 402, code: "key_spend_limit_reached", text: "The key's spend limit (per UTC day, per UTC month or in total) cannot cover the request's maximum cost. The message names the limit and when it resets; raise it on the key's page." },
  { status: 403, code: "rate_limit_exceeded", text: "Tokens-per-minute limit exceeded. See rate limits." },
  { status: 403, code: "model_not_allowed_for_key", text: "The key is limited to other models. The message lists the ones it may call; change them on the key's page." },
  { status: 403, code: "address_not_allowed_for_key", text: "The key is limited to other client addresses. The message names the address seen; add it on the key's page." },
  { status: 422, code: "invalid_model", text: "Invalid model ID. Check available models in the documentation." },
  { status: 429, code: "too_many_requests", text: "Too many requests. Rate limit has been reached." },
  { status: 500, code: "server_error", text: "Internal server error. Our team has been notified. Retry after a few seconds." },
  { status: 503, code: "service_unavailable", text: "Service temporarily unavailable. Please retry later." },
];
