/**
 * Typed reads from a parsed JSON object that name the offending field on failure (`sip.listen[1].port: expected an
 * integer 0-65535, got "x"`), and refuse fields the config format does not have, so a misspelt key is an error
 * rather than a silently ignored setting.
 */
export class ConfigError extends Error {
  readonly code = 'invalid_config';
  constructor(
    /** Dotted path of the field, e.g. `trunks[0].address`; empty for the whole file. */
    readonly field: string,
    message: string,
  ) {
    super(field ? `${field}: ${message}` : message);
    this.name = 'ConfigError';
  }
}

type Json = unknown;

export class ConfigReader {
  private constructor(
    private readonly value: Record<string, Json>,
    readonly path: string,
  ) {}

  /** A reader over an object, refusing any key not in `known`. */
  static object(value: Json, path: string, known: readonly string[]): ConfigReader {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ConfigError(path, `expected an object, got ${describe(value)}`);
    }
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) {
        throw new ConfigError(join(path, key), `unknown field (known here: ${known.join(', ')})`);
      }
    }
    return new ConfigReader(value as Record<string, Json>, path);
  }

  has(key: string): boolean {
    return this.value[key] !== undefined;
  }

  raw(key: string): Json {
    return this.value[key];
  }

  field(key: string): string {
    return join(this.path, key);
  }

  string(key: string, fallback?: string): string {
    const value = this.value[key];
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value !== 'string' || value.length === 0) {
      throw new ConfigError(this.field(key), `expected a non-empty string, got ${describe(value)}`);
    }
    return value;
  }

  optionalString(key: string): string | undefined {
    return this.has(key) ? this.string(key) : undefined;
  }

  integer(key: string, min: number, max: number, fallback?: number): number {
    const value = this.value[key];
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new ConfigError(this.field(key), `expected an integer ${min}-${max}, got ${describe(value)}`);
    }
    return value;
  }

  optionalInteger(key: string, min: number, max: number): number | undefined {
    return this.has(key) ? this.integer(key, min, max) : undefined;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], fallback?: T): T {
    const value = this.value[key];
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      throw new ConfigError(this.field(key), `expected one of ${allowed.join(', ')}, got ${describe(value)}`);
    }
    return value as T;
  }

  array(key: string): { value: Json; path: string }[] {
    const value = this.value[key];
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw new ConfigError(this.field(key), `expected an array, got ${describe(value)}`);
    return value.map((item, index) => ({ value: item as Json, path: `${this.field(key)}[${index}]` }));
  }

  stringArray(key: string): string[] {
    return this.array(key).map(({ value, path }) => {
      if (typeof value !== 'string' || value.length === 0) throw new ConfigError(path, `expected a non-empty string, got ${describe(value)}`);
      return value;
    });
  }

  child(key: string, known: readonly string[]): ConfigReader {
    return ConfigReader.object(this.value[key] ?? {}, this.field(key), known);
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function describe(value: Json): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' ? 'an object' : String(value);
}
