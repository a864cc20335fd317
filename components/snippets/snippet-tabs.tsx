// The first-call example in three languages, as tabs of code blocks.
import { CodeBlock } from "../ui/code-block";
import { Tabs } from "../ui/tabs";
import type { Snippet } from "./code";

/** Tabs of copyable code blocks. */
export function SnippetTabs({ snippets, label = "Example language", className }: { snippets: Snippet[]; label?: string; className?: string }) {
  return <Tabs label={label} className={className} items={snippets.map((s) => ({ label: s.language, content: <CodeBlock code={s.code} language={s.language} /> }))} />;
}
