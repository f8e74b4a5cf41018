/** A value that survives JSON.stringify → JSON.parse unchanged: what stores persist and hashes cover. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
