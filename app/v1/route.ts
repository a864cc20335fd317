// /v1 itself (the catch-all below does not match it): the spec's 404 from the gateway core, not Next's page.
export { GET, POST, PUT, PATCH, DELETE, OPTIONS } from "./[...path]/route";

export const dynamic = "force-dynamic";
