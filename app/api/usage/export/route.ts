// GET /api/usage/export?range=30&key=… – the signed-in user's requests as CSV.
import { withSession } from "@/lib/api/with-session";
import { findUserKey } from "@/lib/keys/list";
import { UserError } from "@/lib/actions/errors";
import { usageCsv } from "@/lib/usage/csv";
import { dayKey, parseRange, rangeStart } from "@/lib/usage/range";

// Stream the CSV; 404 for a key that is not the user's.
export const GET = withSession(async (request, user) => {
  const url = new URL(request.url);
  const days = parseRange(url.searchParams.get("range") ?? undefined);
  const keyId = url.searchParams.get("key") ?? undefined;
  if (keyId && !(await findUserKey(user.id, keyId))) throw new UserError("No such key.", undefined, 404);
  const since = rangeStart(days);
  return new Response(usageCsv(user.id, since, keyId), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="sib-usage-${dayKey(since)}-${dayKey(new Date())}.csv"`,
      "cache-control": "no-store",
    },
  });
});
