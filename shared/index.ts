export * from "./roles.js";
export * from "./permissions.js";
export * from "./lifecycle.js";
export * from "./taxonomy.js";
