"use client";
// "View code": the playground's current request as cURL, Python and Node.js with this origin's base URL.
import { Code } from "lucide-react";
import { useState } from "react";
import { chatSnippets, type ChatParams } from "../snippets/code";
import { SnippetTabs } from "../snippets/snippet-tabs";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";

/** A button that opens the request in three languages. */
export function ViewCode({ baseUrl, params }: { baseUrl: string; params: ChatParams }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" className="w-full" onClick={() => setOpen(true)}><Code aria-hidden /> View code</Button>
      <Dialog wide open={open} onClose={() => setOpen(false)} title="This request as code" description="Replace the key with one of your API keys.">
        <SnippetTabs snippets={chatSnippets(baseUrl, params)} className="mt-4" />
      </Dialog>
    </>
  );
}
