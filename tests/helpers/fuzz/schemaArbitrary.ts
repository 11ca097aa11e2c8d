import fc from "fast-check";

/** The subset of JSON Schema (OpenAPI 3.1) that zod-to-openapi writes for the route specs. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  default?: unknown;
}

/**
 * Stands for "an id the app knows" (an incident, an action, a user...): generated values carry the
 * index, the request builder swaps in a real id from the pool collected while the test runs.
 */
export const KNOWN_ID = "known-id#";
export const knownId = fc.nat({ max: 10_000 }).map((n) => `${KNOWN_ID}${n}`);

/** Strings that broke or could break a server: NUL, lone surrogates, bad escapes, huge, odd Unicode. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "\u0000", "a\u0000b", "\ud800", "x\udfffy", "\ud83d", "%ZZ", "%", "%00", "..%2F..%2F", "' OR 1=1 --", "<script>alert(1)</script>",
    "\u202e\u0301", "😀".repeat(40), "", " ", "\r\n\t", "null", "NaN", "-1", "1e999", "0000-00-00T00:00:00Z", "9999-12-31T23:59:59.999+14:00",
    "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "a".repeat(5000),
  ),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
);

/** A value of the wrong type or out of any sane range. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(null, true, false, 0, -1, -0.5, 2 ** 53, -(2 ** 63), 1e308, [], {}, [null], JSON.parse('{"__proto__":{"admin":true}}'), { constructor: { prototype: {} } }),
  fc.jsonValue({ maxDepth: 3 }),
);

const isoDate = fc
  .date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true })
  .map((d) => d.toISOString());

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === "uuid") return fc.oneof({ weight: 6, arbitrary: knownId }, { weight: 2, arbitrary: fc.uuid() });
  if (schema.format === "date-time") return fc.oneof(isoDate, fc.constantFrom("2026-02-30T00:00:00Z", "2026-01-01T25:00:00+01:00"));
  if (schema.format === "email") return fc.emailAddress();
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
  const minLength = schema.minLength ?? 0;
  return fc.string({ unit: "grapheme", minLength, maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 60, 60)) });
}

function numberOf(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? -1e6;
  const max = schema.maximum ?? 1e6;
  return integer ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

function objectOf(schema: JsonSchema, ctx: Context): fc.Arbitrary<unknown> {
  const required = new Set(schema.required ?? []);
  const props = Object.entries(schema.properties ?? {});
  const extra =
    typeof schema.additionalProperties === "object"
      ? fc.dictionary(fc.oneof(fc.string({ maxLength: 20 }), hostileString), valueOf(schema.additionalProperties, ctx), { maxKeys: 4 })
      : fc.constant({});
  const record = fc.record(
    Object.fromEntries(props.map(([k, s]) => [k, valueOf(s, ctx)])),
    { requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)) },
  );
  return fc.tuple(record, extra).map(([r, e]) => ({ ...e, ...r }));
}

export interface Context {
  components: Record<string, JsonSchema>;
  depth: number;
  /** Mix hostile values in; calm requests follow the shapes, so they get past validation and reach the database. */
  rough: boolean;
}

/** Values shaped by `schema`, except that now and then one is hostile: the server must refuse those with a 4xx. */
export function valueOf(schema: JsonSchema, ctx: Context): fc.Arbitrary<unknown> {
  return ctx.rough ? fc.oneof({ weight: 5, arbitrary: shapedBy(schema, ctx) }, { weight: 1, arbitrary: hostileValue }) : shapedBy(schema, ctx);
}

function shapedBy(schema: JsonSchema, ctx: Context): fc.Arbitrary<unknown> {
  if (ctx.depth > 6) return fc.constant(null);
  const inner = { ...ctx, depth: ctx.depth + 1 };
  if (schema.$ref) return shapedBy(ctx.components[schema.$ref.split("/").pop() ?? ""] ?? {}, inner);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map((s) => shapedBy(s, inner)));
  if (schema.allOf) return shapedBy(Object.assign({}, ...schema.allOf), inner);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => shapedBy({ ...schema, type }, inner)));
  switch (types[0]) {
    case "string": return stringOf(schema);
    case "integer": return numberOf(schema, true);
    case "number": return numberOf(schema, false);
    case "boolean": return fc.boolean();
    case "null": return fc.constant(null);
    case "array": {
      const minLength = schema.minItems ?? 0;
      const items = fc.array(valueOf(schema.items ?? {}, inner), { minLength, maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 4, 4)) });
      // Now and then many bad elements: the answer must stay a short list of problems.
      if (!ctx.rough) return items;
      return fc.oneof({ weight: 9, arbitrary: items }, { weight: 1, arbitrary: fc.array(hostileValue, { minLength: 20, maxLength: 60 }) });
    }
    case "object": return objectOf(schema, inner);
    default: return fc.jsonValue({ maxDepth: 2 });
  }
}

export const rootContext = (components: Record<string, JsonSchema>, rough: boolean): Context => ({ components, depth: 0, rough });
