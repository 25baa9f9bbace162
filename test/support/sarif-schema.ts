// The parts of the SARIF 2.1.0 schema (OASIS sarif-schema-2.1.0.json) that splc's output uses,
// restated as a small JSON-Schema subset, with a validator for that subset. Written from the
// standard's definitions (required properties, enums, minimums, closed objects); nothing is
// fetched at test time.

/** A JSON-Schema subset: type, required, properties, additionalProperties: false, enum, items, minimum, anyOf. */
export interface Schema {
    type?: "object" | "array" | "string" | "integer" | "number" | "boolean";
    required?: string[];
    properties?: Record<string, Schema>;
    /** When false, only `properties` may appear (SARIF objects also allow `properties`, the property bag). */
    additionalProperties?: false;
    enum?: readonly unknown[];
    items?: Schema;
    minimum?: number;
    anyOf?: Schema[];
    format?: "uri" | "uri-reference";
}

const propertyBag: Schema = { type: "object" };
const message: Schema = {
    type: "object",
    additionalProperties: false,
    anyOf: [{ required: ["text"] }, { required: ["id"] }],
    properties: { text: { type: "string" }, markdown: { type: "string" }, id: { type: "string" }, arguments: { type: "array", items: { type: "string" } }, properties: propertyBag },
};
const multiformat: Schema = { type: "object", additionalProperties: false, required: ["text"], properties: { text: { type: "string" }, markdown: { type: "string" }, properties: propertyBag } };
const level = { enum: ["none", "note", "warning", "error"] } as const;
const configuration: Schema = {
    type: "object",
    additionalProperties: false,
    properties: { enabled: { type: "boolean" }, level, rank: { type: "number", minimum: -1 }, parameters: propertyBag, properties: propertyBag },
};
const descriptor: Schema = {
    type: "object",
    additionalProperties: false,
    required: ["id"],
    properties: {
        id: { type: "string" },
        name: { type: "string" },
        shortDescription: multiformat,
        fullDescription: multiformat,
        helpUri: { type: "string", format: "uri" },
        help: multiformat,
        defaultConfiguration: configuration,
        properties: propertyBag,
    },
};
const artifactLocation: Schema = {
    type: "object",
    additionalProperties: false,
    properties: { uri: { type: "string", format: "uri-reference" }, uriBaseId: { type: "string" }, index: { type: "integer", minimum: -1 }, description: message, properties: propertyBag },
};
const region: Schema = {
    type: "object",
    additionalProperties: false,
    properties: {
        startLine: { type: "integer", minimum: 1 },
        startColumn: { type: "integer", minimum: 1 },
        endLine: { type: "integer", minimum: 1 },
        endColumn: { type: "integer", minimum: 1 },
        charOffset: { type: "integer", minimum: -1 },
        charLength: { type: "integer", minimum: 0 },
        message,
        properties: propertyBag,
    },
};
const physicalLocation: Schema = {
    type: "object",
    additionalProperties: false,
    anyOf: [{ required: ["address"] }, { required: ["artifactLocation"] }],
    properties: { artifactLocation, region, address: { type: "object" }, contextRegion: region, properties: propertyBag },
};
const location: Schema = { type: "object", additionalProperties: false, properties: { id: { type: "integer", minimum: -1 }, physicalLocation, message, properties: propertyBag } };
const result: Schema = {
    type: "object",
    additionalProperties: false,
    required: ["message"],
    properties: {
        ruleId: { type: "string" },
        ruleIndex: { type: "integer", minimum: -1 },
        kind: { enum: ["notApplicable", "pass", "fail", "review", "open", "informational"] },
        level,
        message,
        locations: { type: "array", items: location },
        properties: propertyBag,
    },
};
const toolComponent: Schema = {
    type: "object",
    additionalProperties: false,
    required: ["name"],
    properties: {
        name: { type: "string" },
        version: { type: "string" },
        semanticVersion: { type: "string" },
        informationUri: { type: "string", format: "uri" },
        rules: { type: "array", items: descriptor },
        properties: propertyBag,
    },
};
const run: Schema = {
    type: "object",
    additionalProperties: false,
    required: ["tool"],
    properties: {
        tool: { type: "object", additionalProperties: false, required: ["driver"], properties: { driver: toolComponent, properties: propertyBag } },
        results: { type: "array", items: result },
        columnKind: { enum: ["utf16CodeUnits", "unicodeCodePoints"] },
        properties: propertyBag,
    },
};
/** The SARIF log object. */
export const SARIF_2_1_0: Schema = {
    type: "object",
    additionalProperties: false,
    required: ["version", "runs"],
    properties: { $schema: { type: "string", format: "uri" }, version: { enum: ["2.1.0"] }, runs: { type: "array", items: run }, properties: propertyBag },
};

/** The violations of `schema` by `value`, as `path: problem` strings (empty when valid). */
export function validate(value: unknown, schema: Schema, path = "$"): string[] {
    const errors: string[] = [];
    if (schema.enum && !schema.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
    if (schema.type) {
        const actual = Array.isArray(value) ? "array" : value === null ? "null" : Number.isInteger(value) && schema.type === "integer" ? "integer" : typeof value;
        const ok = schema.type === "number" ? typeof value === "number" : actual === schema.type;
        if (!ok) return [...errors, `${path}: expected ${schema.type}, got ${actual}`];
    }
    if (typeof value === "number" && schema.minimum !== undefined && value < schema.minimum) errors.push(`${path}: ${value} < ${schema.minimum}`);
    if (typeof value === "string" && schema.format === "uri" && !/^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(value)) errors.push(`${path}: not an absolute URI`);
    if (typeof value === "string" && schema.format === "uri-reference" && /[\s%](?![0-9A-F]{2})/i.test(value)) errors.push(`${path}: not a URI reference`);
    if (Array.isArray(value) && schema.items) value.forEach((v, i) => errors.push(...validate(v, schema.items as Schema, `${path}[${i}]`)));
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
        const obj = value as Record<string, unknown>;
        for (const r of schema.required ?? []) if (!(r in obj)) errors.push(`${path}: missing required '${r}'`);
        if (schema.anyOf && !schema.anyOf.some((s) => validate(value, s, path).length === 0)) errors.push(`${path}: matches none of anyOf`);
        for (const [k, v] of Object.entries(obj)) {
            const sub = schema.properties?.[k];
            if (sub) errors.push(...validate(v, sub, `${path}.${k}`));
            else if (schema.additionalProperties === false) errors.push(`${path}: unexpected property '${k}'`);
        }
    }
    return errors;
}
