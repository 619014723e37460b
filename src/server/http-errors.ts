import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { FastifyError, FastifyInstance } from "fastify";
import { ErrorCode } from "../errors/error-code";

/** Apollo's code for a request it cannot read; Fastify's refusals of the same kind use it too. */
const BAD_REQUEST = "BAD_REQUEST";

/**
 * Requests refused by Fastify itself — before Apollo sees them: a body over the limit (413), a content type
 * without a parser (415), a body that is not JSON (400), an unknown route (404) — answer in GraphQL's
 * `{ errors: [{ message, extensions: { code } }] }` shape like every other refusal, with our own messages:
 * Fastify's quote what was sent (the content type, the URL). Anything else is a 500 with a generic message,
 * the details in the log.
 *
 * Must be called before the routes are registered (a route keeps the error handler it was registered with).
 */
export function registerHttpErrors(app: FastifyInstance): void {
  const bodyLimit = app.initialConfig.bodyLimit;
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status < 400 || status >= 500) {
      request.log.error({ errType: error.name, errCode: error.code }, "request failed outside GraphQL");
      return reply.code(500).send(errorBody(ErrorCode.INTERNAL_SERVER_ERROR, "Internal server error"));
    }
    if (status === 413) return reply.code(413).send(errorBody(ErrorCode.PAYLOAD_TOO_LARGE, `The request body is larger than ${bodyLimit} bytes`));
    if (status === 415) {
      return reply.code(415).send(errorBody(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the request as application/json (GraphQL over HTTP)"));
    }
    const message = error.code === "FST_ERR_CTP_INVALID_JSON_BODY" || error.code === "FST_ERR_CTP_EMPTY_JSON_BODY"
      ? "The request body is not valid JSON"
      : "The request could not be read";
    return reply.code(status).send(errorBody(BAD_REQUEST, message));
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(errorBody(ErrorCode.NOT_FOUND, "No such route")));
}

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser refuses before there is a request (headers or URL
 * over the size limit, a malformed request line, a timeout) gets the same errors[] shape as above.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const [status, message] =
    error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? [408, "The request did not arrive in time"]
    : error.code === "HPE_HEADER_OVERFLOW" ? [431, "The request's headers or URL are too large; send the query in a POST body"]
    : [400, "The request is not valid HTTP"];
  const body = JSON.stringify(errorBody(BAD_REQUEST, message));
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}

export function errorBody(code: string, message: string) {
  return { errors: [{ message, extensions: { code } }] };
}
