/**
 * Generated inputs: a schema-valid sample of every command (from the zod schemas, through JSON
 * Schema, so a new command is covered without editing the suite), and the export routes the
 * server's extensions register.
 */
import type { Express } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import { DEFAULT_EXTENSIONS } from '../../server/extensions.js';
import { meetingExports, type MeetingExport } from '../../server/http/export.js';
import { Command, type CommandType } from '../../shared/domain/index.js';

type Json = Record<string, unknown>;

/** The smallest value a JSON Schema accepts (required properties only; first enum value). */
export function sampleOf(schema: Json, hints: Record<string, unknown> = {}, key = ''): unknown {
  if (key && key in hints) return hints[key];
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (Array.isArray(schema.anyOf)) return sampleOf(schema.anyOf[0] as Json, hints, key);
  if (Array.isArray(schema.oneOf)) return sampleOf(schema.oneOf[0] as Json, hints, key);
  switch (schema.type) {
    case 'string': {
      if (schema.format === 'date-time') return '2026-01-29T10:00:00Z';
      if (/zone/i.test(key)) return 'Europe/Zurich';
      const min = Number(schema.minLength ?? 1);
      return 'sample-text'.padEnd(Math.max(min, 1), 'x').slice(0, Number(schema.maxLength ?? 64));
    }
    case 'integer':
    case 'number':
      return Math.max(Number(schema.minimum ?? 1), Number(schema.exclusiveMinimum ?? 0) + 1, 1);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array': {
      const n = Number(schema.minItems ?? 0);
      return Array.from({ length: n }, () => sampleOf(schema.items as Json, hints));
    }
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, Json>;
      const required = (schema.required ?? []) as string[];
      return Object.fromEntries(required.map((k) => [k, sampleOf(props[k]!, hints, k)]));
    }
    default:
      return 'sample-text';
  }
}

/** Each variant of the Command union, by its type. */
export function commandSchemas(): Map<CommandType, z.ZodType> {
  const options = (Command as unknown as { options: Array<z.ZodObject<{ type: z.ZodLiteral<CommandType> }>> }).options;
  return new Map(options.map((o) => [o.shape.type.value, o]));
}

/**
 * A schema-valid sample of every command. `hints` fill named fields (e.g. participantId: self)
 * so finer rules pass where the table allows; throws naming a command whose sample is invalid.
 */
export function sampleCommands(hints: Record<string, unknown> = {}): Array<{ type: CommandType; command: Json }> {
  return [...commandSchemas()].map(([type, schema]) => {
    const command = sampleOf(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json, hints) as Json;
    const parsed = Command.safeParse(command);
    if (!parsed.success) throw new Error(`cannot generate a valid sample of ${type}: ${parsed.error.message}`);
    return { type, command };
  });
}

/** The meeting exports the default extensions register (GET /api/meetings/:id/<file>). */
export function registeredExports(): MeetingExport[] {
  // Only the routes are wanted: a recording app, and a context whose every part is a stand-in (some
  // extensions take their service from it while registering; none is called).
  const app = new Proxy({}, { get: () => () => undefined }) as unknown as Express;
  const standIn: unknown = new Proxy(() => standIn, { get: () => standIn });
  for (const ext of DEFAULT_EXTENSIONS) ext.http?.(app, standIn as AppContext);
  return [...meetingExports.values()];
}
