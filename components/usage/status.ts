// How a logged request's outcome reads: a label and a badge tone.
const STATUS: Record<string, { label: string; tone: "green" | "amber" | "red" }> = {
  ok: { label: "OK", tone: "green" },
  client_closed: { label: "Client closed", tone: "amber" },
  upstream_error: { label: "Upstream error", tone: "red" },
  interrupted: { label: "Interrupted", tone: "amber" },
};

/** The badge of a request: its HTTP status when it failed, else what happened to its answer. */
export function statusOf(row: { status: string; httpStatus: number }): { label: string; tone: "green" | "amber" | "red" } {
  if (row.status === "error") return { label: String(row.httpStatus), tone: row.httpStatus >= 500 ? "red" : "amber" };
  return STATUS[row.status] ?? { label: row.status, tone: "amber" };
}
