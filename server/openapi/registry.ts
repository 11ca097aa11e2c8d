import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";

/** Every route registers itself here when it is defined, so the document cannot drift from the code. */
export const registry = new OpenAPIRegistry();

registry.registerComponent("securitySchemes", "session", {
  type: "apiKey", in: "cookie", name: "vakt_session", description: "Named __Host-vakt_session where cookies are Secure (production).",
});
registry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });

let cached: unknown;
export function openApiDocument() {
  cached ??= new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Vakt API",
      version: "0.1.0",
      description:
        "Security-incident and personal-data-breach management. Cookie-authenticated state-changing requests need the X-CSRF-Token header; API tokens (Authorization: Bearer) do not.",
    },
    security: [{ session: [] }, { bearer: [] }],
  });
  return cached;
}
