import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * What `schema.prisma` says the database should hold, read through Prisma's own schema parser
 * (the WASM build the CLI uses), so the drift test does not trust a hand-written parser.
 */
export interface ExpectedColumn {
  table: string;
  column: string;
  /** Postgres udt_name: text, int4, bool, timestamp, jsonb, _text, or the enum's name. */
  udt: string;
  nullable: boolean;
}

interface DmmfField {
  name: string;
  kind: string;
  type: string;
  isList: boolean;
  isRequired: boolean;
  isUnique: boolean;
  isId: boolean;
  dbName?: string | null;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  uniqueIndexes: { fields: string[] }[];
}

const UDT: Record<string, string> = { String: 'text', Int: 'int4', Boolean: 'bool', DateTime: 'timestamp', Json: 'jsonb', Float: 'float8', BigInt: 'int8', Bytes: 'bytea', Decimal: 'numeric' };

export function readSchemaModel(schemaPath: string) {
  const require = createRequire(import.meta.url);
  const wasm = require('@prisma/prisma-schema-wasm') as { get_dmmf(params: string): string };
  const schema = readFileSync(schemaPath, 'utf8');
  const dmmf = JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: [['schema.prisma', schema]] }))) as {
    datamodel: { models: DmmfModel[]; enums: { name: string; values: { name: string }[] }[] };
  };
  const { models, enums } = dmmf.datamodel;
  const columns: ExpectedColumn[] = [];
  const uniques: string[] = [];
  for (const model of models) {
    const table = model.dbName ?? model.name;
    for (const field of model.fields.filter((f) => f.kind !== 'object')) {
      const base = field.kind === 'enum' ? field.type : UDT[field.type];
      if (!base) throw new Error(`no Postgres type known for ${model.name}.${field.name}: ${field.type}`);
      columns.push({ table, column: field.dbName ?? field.name, udt: field.isList ? `_${base}` : base, nullable: !field.isRequired || field.isList });
      if (field.isUnique) uniques.push(`${table}(${field.name})`);
    }
    for (const index of model.uniqueIndexes) uniques.push(`${table}(${index.fields.join(',')})`);
  }
  return {
    tables: models.map((m) => m.dbName ?? m.name).sort(),
    columns,
    uniques: uniques.sort(),
    enums: Object.fromEntries(enums.map((e) => [e.name, e.values.map((v) => v.name)])),
  };
}
