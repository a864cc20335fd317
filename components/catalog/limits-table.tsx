// Rate limits per plan, as the docs list them.
import { PLAN_LIMITS } from "@/lib/limits/plans";
import { Table, TBody, TD, TH, THead, TR } from "../ui/table";
import { PLAN_OFFERS } from "./plans";

/** Plan, requests per minute, tokens per minute, concurrent requests, keys. */
export function LimitsTable() {
  return (
    <Table label="Rate limits per plan">
      <THead>
        <tr>
          <TH>Plan</TH>
          <TH className="text-right">Requests / min</TH>
          <TH className="text-right">Tokens / min</TH>
          <TH className="text-right">Concurrent</TH>
          <TH className="text-right">API keys</TH>
        </tr>
      </THead>
      <TBody>
        {PLAN_OFFERS.map((offer) => {
          const l = PLAN_LIMITS[offer.plan];
          const custom = offer.plan === "ENTERPRISE";
          const cell = (v: number) => (custom ? "Custom" : v.toLocaleString("en-US"));
          return (
            <TR key={offer.plan}>
              <TD className="font-medium text-zinc-900">{offer.name}{offer.plan === "PRO" ? " ($20/mo)" : ""}</TD>
              <TD className="text-right tabular-nums">{cell(l.rpm)}</TD>
              <TD className="text-right tabular-nums">{cell(l.tpm)}</TD>
              <TD className="text-right tabular-nums">{cell(l.concurrent)}</TD>
              <TD className="text-right tabular-nums">{cell(l.maxKeys)}</TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
