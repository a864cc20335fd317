// The route-handler mount of the gateway core, for every /v1 path (serverless deploys;
// `npm start` serves /v1 from server.ts instead). Settlement runs after the response,
// also for streams that end after Next's request scope.
import { responseWaitUntil } from "@/lib/api/wait-until";
import { handleWebRequest } from "@/lib/gateway/web";

export const dynamic = "force-dynamic";

// POST /v1/chat/completions, POST /v1/messages, POST /v1/messages/count_tokens, GET /v1/models, GET /v1/models/{id} – and the spec's 404/405 for anything else
function gatewayRoute(request: Request): Promise<Response> {
  return handleWebRequest(request, { waitUntil: responseWaitUntil() });
}

export { gatewayRoute as GET, gatewayRoute as POST, gatewayRoute as PUT, gatewayRoute as PATCH, gatewayRoute as DELETE, gatewayRoute as OPTIONS };
