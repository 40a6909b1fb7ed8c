/**
 * The server of `npm run serve`: *Spørg data* on a panel that is not shipped. It answers `GET /api/svar/<format>?<spec>`
 * under disclosure control in `bin/ask.js`'s formats and serves the report folder's files, on fastify.
 */
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import type { AskSource } from "./compute";
import { checkRules, controlledResult, type DisclosureRules } from "./disclosure";
import { TEXT_FORMATS, xlsxBuffer, type ExcelModule } from "./export";
import { ASK_ANSWER_PATH } from "./page";
import { FORMATS, SPEC_PARAMETERS, specFromQuery, type Format } from "./parse";
import { SpecError } from "./spec";
import { SERVER_MESSAGES } from "../codebook/messages";

const TEXT = { type: "string", maxLength: 500 } as const;
const NUMBER = { type: "string", pattern: "^[0-9]{1,6}([.,][0-9]{1,6})?$" } as const;
/** The query a question may have: the spec's names only, each once (a filter up to 20 times), short. */
const QUERY_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["question"],
  properties: Object.fromEntries(
    SPEC_PARAMETERS.map((name) => [
      name,
      name === "filter" ? { type: "array", items: TEXT, maxItems: 20 } : name.startsWith("min-") ? NUMBER : TEXT,
    ]),
  ),
};
const PARAMS_SCHEMA = {
  type: "object",
  properties: { format: { type: "string", enum: [...FORMATS] } },
  required: ["format"],
};

const TYPES: Record<Format, string> = {
  table: "text/plain; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  "csv-da": "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** A request that does not fit the schema, in Danish. */
function validationText(error: FastifyError): string {
  const first = error.validation?.[0];
  const name = String(first?.instancePath ?? "").split("/")[1] ?? "";
  const params = (first?.params ?? {}) as Record<string, unknown>;
  const limit = String(params.limit);
  const why: Record<string, { da: string; en: string }> = {
    additionalProperties: SERVER_MESSAGES.unknownParameter(
      String(params.additionalProperty),
      SPEC_PARAMETERS.join(", "),
    ),
    required: SERVER_MESSAGES.required(String(params.missingProperty)),
    maxLength: SERVER_MESSAGES.tooLong(name, limit),
    maxItems: SERVER_MESSAGES.tooMany(name, limit),
    pattern: SERVER_MESSAGES.notNumber(name),
    enum: SERVER_MESSAGES.format(FORMATS.join(", ")),
    type: SERVER_MESSAGES.once(name),
  };
  return SERVER_MESSAGES.invalid(why[first?.keyword ?? ""] ?? SERVER_MESSAGES.other(name)).da;
}

/** The server, not listening yet: answers under `rules`, files of `roots`, localhost only: `askServer(ds, o)`. */
export function askServer(source: AskSource, options: { rules: DisclosureRules; roots: string[] }): FastifyInstance {
  const rules = checkRules(options.rules);
  const app = Fastify({ ajv: { customOptions: { removeAdditional: false } } });
  app.addHook("onRequest", async (request, reply) => {
    const host = request.headers.host ?? "";
    if (!/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host))
      return reply.code(403).send({ fejl: SERVER_MESSAGES.host(host).da });
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) return reply.code(400).send({ fejl: validationText(error) });
    if (error instanceof SpecError)
      return reply.code(error.code === "disclosure" ? 403 : 400).send({ fejl: error.message, kode: error.code });
    process.stderr.write(`${request.url}: ${error.stack ?? error.message}\n`); // a fault of the server, not the request
    return reply.code(500).send({ fejl: SERVER_MESSAGES.serverError(error.message).da });
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ fejl: `Findes ikke: ${request.url}` }));
  app.get<{ Params: { format: Format } }>(
    `/${ASK_ANSWER_PATH}/:format`,
    { schema: { params: PARAMS_SCHEMA, querystring: QUERY_SCHEMA } },
    async (request, reply) => {
      const at = request.url.indexOf("?");
      const search = at < 0 ? "" : request.url.slice(at + 1);
      const given = new URLSearchParams(search);
      const asked = specFromQuery(search);
      // The thresholds are the server's unless the request raises them (lowering them is refused).
      const minN = given.has("min-n") ? asked.minN : rules.minN;
      const minEffectiveN = given.has("min-effective-n") ? asked.minEffectiveN : rules.minEffectiveN;
      const result = controlledResult(source, { ...asked, minN, minEffectiveN }, rules);
      const format = request.params.format;
      reply.type(TYPES[format]).header("cache-control", "no-store");
      if (format !== "xlsx") return TEXT_FORMATS[format](result);
      reply.header("content-disposition", `attachment; filename="spoerg-${result.meta.spec.question}.xlsx"`);
      return Buffer.from(await xlsxBuffer(require("exceljs") as ExcelModule, result));
    },
  );
  app.register(fastifyStatic, { root: options.roots, serveDotFiles: false, cacheControl: false });
  return app;
}
