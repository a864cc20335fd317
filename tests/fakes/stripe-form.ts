// Decode Stripe's form encoding (`line_items[0][price_data][currency]=usd`) into nested objects and arrays.
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

function path(key: string): string[] {
  const head = key.split("[", 1)[0];
  const rest = [...key.slice(head.length).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]);
  return [head, ...rest];
}

/** Parse an application/x-www-form-urlencoded body the way Stripe's API reads it. */
export function decodeStripeForm(body: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const parts = path(key);
    let node: Record<string, FormValue> | FormValue[] = root;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const index = part === "" ? (node as FormValue[]).length : part;
      const slot = node as Record<string, FormValue>;
      if (last) {
        slot[index as string] = value;
        return;
      }
      const nextIsIndex = /^\d*$/.test(parts[i + 1]);
      slot[index as string] ??= nextIsIndex ? [] : {};
      node = slot[index as string] as Record<string, FormValue> | FormValue[];
    });
  }
  return root;
}
