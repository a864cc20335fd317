// Example calls with this install's base URL, shared by the landing page, docs and dashboard.

export type Snippet = { language: string; code: string };

/** cURL, Python and Node.js versions of a first chat completion against `baseUrl`. */
export function firstCallSnippets(baseUrl: string, prompt = "Hello! What models are available?"): Snippet[] {
  const model = "deepseek-chat";
  const key = "YOUR_SIB_AI_API_KEY";
  return [
    {
      language: "cURL",
      code: `curl ${baseUrl}/v1/chat/completions \\
  -H "Authorization: Bearer ${key}" \\
  -H "Content-Type: application/json" \\
  -d '{
    "model": "${model}",
    "messages": [{"role": "user", "content": "${prompt}"}]
  }'`,
    },
    {
      language: "Python",
      code: `# pip install openai
from openai import OpenAI

client = OpenAI(
    api_key="${key}",
    base_url="${baseUrl}/v1"
)

response = client.chat.completions.create(
    model="${model}",
    messages=[{"role": "user", "content": "${prompt}"}]
)

print(response.choices[0].message.content)`,
    },
    {
      language: "Node.js",
      code: `// npm install openai
import OpenAI from 'openai';

const client = new OpenAI({
  apiKey: '${key}',
  baseURL: '${baseUrl}/v1',
});

const response = await client.chat.completions.create({
  model: '${model}',
  messages: [{ role: 'user', content: '${prompt}' }],
});

console.log(response.choices[0].message.content);`,
    },
  ];
}
