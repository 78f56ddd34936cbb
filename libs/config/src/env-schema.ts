// Environment variables are parsed once at start; a bad one stops the process with one line naming it.

export interface EnvVar<T> {
  /** What the variable is for and what it accepts, shown when it is wrong. */
  describe: string;
  default?: T;
  parse(raw: string): T;
  /** How a value is written in the environment, for documentation (30000 ms of a duration reads 30s). */
  format?(value: T): string;
  /** The default as documentation shows it, when the value depends on the machine (host name, temp folder). */
  documentedDefault?: string;
  /** A secret: an error names the variable and the reason, never the value (logs are read by many). */
  sensitive?: boolean;
}

export class ConfigError extends Error {}

export type EnvSchema = Record<string, EnvVar<unknown>>;
export type ConfigOf<S extends EnvSchema> = { [K in keyof S]: S[K] extends EnvVar<infer T> ? T : never };

export function readConfig<S extends EnvSchema>(schema: S, env: NodeJS.ProcessEnv = process.env): ConfigOf<S> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(schema)) {
    const raw = env[name];
    if (raw === undefined || raw === '') {
      if (!('default' in spec)) throw new ConfigError(`config: ${name} is required: ${spec.describe}`);
      out[name] = spec.default;
      continue;
    }
    try {
      out[name] = spec.parse(raw);
    } catch (e) {
      if (spec.sensitive) {
        throw new ConfigError(`config: ${name} is refused because ${(e as Error).message}: expected ${spec.describe}`);
      }
      throw new ConfigError(`config: ${name}=${JSON.stringify(raw)} is invalid: expected ${spec.describe}`);
    }
  }
  return out as ConfigOf<S>;
}

/** For a process entry point: print the one line and exit 1 instead of a stack trace. */
export function readConfigOrExit<S extends EnvSchema>(schema: S, env: NodeJS.ProcessEnv = process.env): ConfigOf<S> {
  try {
    return readConfig(schema, env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}

export interface HostPort {
  host: string;
  port: number;
}

function parseHostPort(address: string): HostPort {
  const i = address.lastIndexOf(':');
  const host = address.slice(0, i);
  const port = Number(address.slice(i + 1));
  return i > 0 && Number.isInteger(port) && port >= 1 && port <= 65535 ? { host, port } : fail();
}

function fail(): never {
  throw new Error('invalid');
}

export const env = {
  int(describe: string, min: number, max: number, def?: number): EnvVar<number> {
    return withDefault(
      {
        describe: `${describe} (an integer ${min}..${max})`,
        parse: (r) => {
          const n = Number(r);
          return Number.isInteger(n) && n >= min && n <= max ? n : fail();
        },
      },
      def,
    );
  },
  port(describe: string, def?: number): EnvVar<number> {
    return env.int(describe, 0, 65535, def);
  },
  string(describe: string, def?: string, minLength = 1): EnvVar<string> {
    return withDefault({ describe, parse: (r) => (r.length >= minLength ? r : fail()) }, def);
  },
  optionalString(describe: string): EnvVar<string | undefined> {
    return { describe, default: undefined, parse: (r) => r };
  },
  url(describe: string, protocols: string[], def?: string): EnvVar<string> {
    return withDefault(
      {
        describe: `${describe} (a ${protocols.join(' or ')} URL)`,
        parse: (r) => {
          const u = new URL(r);
          return protocols.includes(u.protocol.replace(':', '')) ? r : fail();
        },
      },
      def,
    );
  },
  optionalUrl(describe: string, protocols: string[]): EnvVar<string | undefined> {
    return {
      describe: `${describe} (a ${protocols.join(' or ')} URL)`,
      default: undefined,
      parse: (r) => {
        const u = new URL(r);
        return protocols.includes(u.protocol.replace(':', '')) ? r : fail();
      },
    };
  },
  oneOf<T extends string>(describe: string, values: readonly T[], def?: T): EnvVar<T> {
    return withDefault(
      {
        describe: `${describe} (one of ${values.join(', ')})`,
        parse: (r) => (values.includes(r as T) ? (r as T) : fail()),
      },
      def,
    );
  },
  bool(describe: string, def?: boolean): EnvVar<boolean> {
    return withDefault(
      {
        describe: `${describe} (true or false)`,
        parse: (r) => (r === 'true' || r === '1' ? true : r === 'false' || r === '0' ? false : fail()),
        format: (b: boolean) => String(b),
      },
      def,
    );
  },
  /** Optional `host:port` addresses, comma-separated (the seed nodes of a cluster, say). */
  optionalHostPorts(describe: string): EnvVar<HostPort[] | undefined> {
    return {
      describe: `${describe} (host:port, comma-separated)`,
      default: undefined,
      parse: (r) => r.split(',').map((a) => parseHostPort(a.trim())),
      format: (list) => (list ?? []).map((a) => `${a.host}:${a.port}`).join(','),
    };
  },
  /** A duration in milliseconds, written as 30s, 8h, 500ms or a bare number of ms. */
  duration(describe: string, def?: number): EnvVar<number> {
    return withDefault(
      { describe: `${describe} (a duration such as 500ms, 30s, 5m, 8h)`, parse: parseDuration, format: formatDuration },
      def,
    );
  },
};

/** `v` whose default depends on the machine it runs on, documented as `shown` (e.g. `<hostname>-<pid>`). */
export function documentedAs<T>(shown: string, v: EnvVar<T>): EnvVar<T> {
  return { ...v, documentedDefault: shown };
}

function withDefault<T>(v: EnvVar<T>, def: T | undefined): EnvVar<T> {
  return def === undefined ? v : { ...v, default: def };
}

/** A duration in the largest unit that writes it whole: 28800000 → 8h, 1500 → 1500ms. */
export function formatDuration(ms: number): string {
  for (const [unit, size] of [
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

export function parseDuration(raw: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(raw.trim());
  if (!m) fail();
  const n = Number(m[1]);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 'ms') as 'ms' | 's' | 'm' | 'h'];
  const ms = Math.round(n * unit);
  return ms > 0 ? ms : fail();
}
