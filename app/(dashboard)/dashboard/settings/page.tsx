// GET /dashboard/settings – name, password, delete account.
import type { Metadata } from "next";
import { DeleteAccount } from "@/components/settings/delete-account";
import { PasswordForm } from "@/components/settings/password-form";
import { ProfileForm } from "@/components/settings/profile-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { PASSWORD_RULES } from "@/lib/auth/password";
import { requireUser } from "@/lib/auth/session";
import { hasPassword } from "@/lib/accounts/settings";

export const metadata: Metadata = { title: "Settings" };

// Settings page.
export default async function SettingsPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader title="Settings" description="Your profile, password and account." />
      <div className="max-w-2xl space-y-6">
        <Card>
          <CardHeader title="Profile" />
          <CardBody><ProfileForm name={user.name ?? ""} email={user.email} /></CardBody>
        </Card>
        <Card>
          <CardHeader title="Password" description="Use a password you don't use anywhere else." />
          <CardBody><PasswordForm hasPassword={await hasPassword(user.id)} rules={PASSWORD_RULES} /></CardBody>
        </Card>
        <Card className="border-red-200">
          <CardHeader title="Delete account" description="Revokes every key and signs you out for good." />
          <CardBody className="flex flex-wrap items-center justify-between gap-4">
            <p className="max-w-md text-sm text-zinc-600">Usage and billing history are kept for accounting; everything else stops working immediately.</p>
            <DeleteAccount email={user.email} />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
