// GET /admin/audit/export?… – the filtered audit log as CSV; 404 for anyone but an operator.
import { auditCsv } from "@/lib/audit/query";
import { auditFilter } from "@/lib/admin-console/audit-filter";
import { getOperator } from "@/lib/admin-console/operator";

// Stream the CSV.
export async function GET(request: Request): Promise<Response> {
  if (!(await getOperator())) return new Response("Not found", { status: 404 });
  const search = Object.fromEntries(new URL(request.url).searchParams);
  return new Response(auditCsv(auditFilter(search)), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="sib-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
}
