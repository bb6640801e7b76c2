import { Type, type TLiteral, type TUnion } from '@sinclair/typebox';

type Literals<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> };

/** A TypeBox union of string literals that keeps the literal types (for enumerations). */
export function literalUnion<const T extends readonly string[]>(values: T, options: object = {}): TUnion<Literals<T>> {
  return Type.Union(values.map((v) => Type.Literal(v)), options) as unknown as TUnion<Literals<T>>;
}
