// GET /dashboard/settings – profile, e-mail address, password, two-factor sign-in, sessions, delete account.
import type { Metadata } from "next";
import { DeleteAccount } from "@/components/settings/delete-account";
import { EmailForm } from "@/components/settings/email-form";
import { PasswordForm } from "@/components/settings/password-form";
import { ProfileForm } from "@/components/settings/profile-form";
import { Sessions } from "@/components/settings/sessions";
import { TwoFactor } from "@/components/settings/two-factor";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { timeAgo } from "@/components/ui/time";
import { securityOverview } from "@/lib/accounts/settings";
import { deviceName } from "@/lib/auth/device";
import { PASSWORD_RULES } from "@/lib/auth/password";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Settings" };

// Settings page.
export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ "email-changed"?: string }> }) {
  const user = await requireUser();
  const [security, search] = await Promise.all([securityOverview(user.id), searchParams]);
  const sessions = security.sessions.map((s) => ({
    id: s.id, device: deviceName(s.userAgent), ip: s.ip, lastSeen: timeAgo(s.lastSeenAt), current: s.id === user.sessionId,
  }));
  const cards = [
    { title: "Profile", description: undefined, body: <ProfileForm name={user.name ?? ""} email={user.email} /> },
    { title: "E-mail address", description: "Where sign-in, receipts and links go.", body: <EmailForm email={user.email} verified={user.emailVerified} /> },
    { title: "Password", description: "Changing it signs out every other browser.", body: <PasswordForm hasPassword={security.hasPassword} rules={PASSWORD_RULES} /> },
    { title: "Two-factor sign-in", description: "A code from an authenticator app at every sign-in.", body: <TwoFactor enabled={security.twoFactor} codesLeft={security.recoveryCodesLeft} /> },
    { title: "Sessions", description: "Browsers signed in to your account.", body: <Sessions sessions={sessions} /> },
  ];
  return (
    <>
      <PageHeader title="Settings" description="Your profile, sign-in and account." />
      {search["email-changed"] ? <Alert tone="success" className="mb-6">Your e-mail address is now {user.email}.</Alert> : null}
      <div className="max-w-2xl space-y-6">
        {cards.map(({ title, description, body }) => (
          <Card key={title}>
            <CardHeader title={title} description={description} />
            <CardBody>{body}</CardBody>
          </Card>
        ))}
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
