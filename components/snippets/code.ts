// Example calls with this install's base URL, shared by the landing page, docs, dashboard and playground.

export type Snippet = { language: string; code: string };

export type ChatParams = { model: string; messages: { role: string; content: string }[]; temperature?: number; max_tokens?: number };

const KEY = "YOUR_SIB_AI_API_KEY";

/** The request's fields as `key: value` pairs in order (undefined ones left out). */
function fields(params: ChatParams): [string, unknown][] {
  return Object.entries({ model: params.model, messages: params.messages, temperature: params.temperature, max_tokens: params.max_tokens }).filter((e) => e[1] !== undefined);
}

/** JSON indented under its opening line by `pad`; a list of messages keeps one message per line. */
function json(value: unknown, pad: string): string {
  if (Array.isArray(value) && value.every((m) => m && typeof m === "object")) {
    const lines = value.map((m) => `${pad}  {${Object.entries(m as object).map(([k, v]) => `"${k}": ${JSON.stringify(v)}`).join(", ")}}`);
    return `[\n${lines.join(",\n")}\n${pad}]`;
  }
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${pad}`);
}

/** Python literals for JSON values (True/False/None). */
function python(value: unknown, pad: string): string {
  return json(value, pad).replace(/\b(true|false|null)\b/g, (w) => ({ true: "True", false: "False", null: "None" })[w] ?? w);
}

/** cURL, Python and Node.js versions of one chat completion against `baseUrl`. */
export function chatSnippets(baseUrl: string, params: ChatParams): Snippet[] {
  const curlBody = `{\n${fields(params).map(([k, v]) => `    "${k}": ${json(v, "    ")}`).join(",\n")}\n  }`.replace(/'/g, "'\\''");
  const pyArgs = fields(params).map(([k, v]) => `    ${k}=${python(v, "    ")},`).join("\n");
  const nodeArgs = fields(params).map(([k, v]) => `  ${k}: ${json(v, "  ")},`).join("\n");
  return [
    {
      language: "cURL",
      code: `curl ${baseUrl}/v1/chat/completions \\
  -H "Authorization: Bearer ${KEY}" \\
  -H "Content-Type: application/json" \\
  -d '${curlBody}'`,
    },
    {
      language: "Python",
      code: `# pip install openai
from openai import OpenAI

client = OpenAI(api_key="${KEY}", base_url="${baseUrl}/v1")

response = client.chat.completions.create(
${pyArgs}
)

print(response.choices[0].message.content)`,
    },
    {
      language: "Node.js",
      code: `// npm install openai
import OpenAI from 'openai';

const client = new OpenAI({ apiKey: '${KEY}', baseURL: '${baseUrl}/v1' });

const response = await client.chat.completions.create({
${nodeArgs}
});

console.log(response.choices[0].message.content);`,
    },
  ];
}

/** cURL, Python and Node.js versions of a first chat completion against `baseUrl`. */
export function firstCallSnippets(baseUrl: string, prompt = "Hello! What models are available?"): Snippet[] {
  return chatSnippets(baseUrl, { model: "deepseek-chat", messages: [{ role: "user", content: prompt }] });
}
