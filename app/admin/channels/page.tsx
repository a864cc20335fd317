// GET /admin/channels – upstream channels with their health; add, edit, test, enable, disable, remove.
import type { Metadata } from "next";
import { createChannelAction } from "./actions";
import { ActionForm } from "@/components/admin/action-form";
import { ChannelCard } from "@/components/admin/channel-card";
import { ChannelFields } from "@/components/admin/channel-fields";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { requireOperator } from "@/lib/admin-console/operator";
import { listChannels } from "@/lib/channels";

export const metadata: Metadata = { title: "Channels · Console" };

// Channels page.
export default async function AdminChannelsPage() {
  await requireOperator();
  const channels = await listChannels();
  return (
    <>
      <PageHeader title="Channels" description="The upstream credentials requests go out through. Health is this instance's view: success rate of the last tries, latency, last error." />
      <div className="mb-6 space-y-4">
        {channels.length === 0 ? <p className="text-sm text-zinc-500">No channels yet: requests use the simulator or the provider variables.</p> : null}
        {channels.map((c) => <ChannelCard key={`${c.source}-${c.name}`} channel={c} />)}
      </div>
      <Card>
        <CardHeader title="Add a channel" />
        <CardBody>
          <ActionForm action={createChannelAction} submit="Add channel" label="Add a channel">
            <Field id="new-channel-name" name="name" label="Name" placeholder="deepseek-main" />
            <ChannelFields prefix="new-channel" />
          </ActionForm>
        </CardBody>
      </Card>
    </>
  );
}
