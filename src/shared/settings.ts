// User settings (options page ↔ worker). Stored data is input: each field is
// validated on its own, and a bad field falls back to its default without
// taking the others with it.
import * as z from 'zod/mini';

export const DEFAULT_API_BASE_URL = 'https://app.timecamp.com/third_party/api';

const HttpsUrl = z.string().check(
  z.maxLength(300),
  z.refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'https:' && !u.username && !u.password && !u.search && !u.hash;
    } catch {
      return false;
    }
  }),
);
const Host = z.string().check(z.regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/));

const fields = {
  /** TimeCamp custom domains exist: their API base URL */
  apiBaseUrl: { schema: HttpsUrl, fallback: DEFAULT_API_BASE_URL },
  /** extra hosts that serve Planner (besides planner.timecamp.com) */
  plannerHosts: { schema: z.array(Host).check(z.maxLength(10)), fallback: [] as string[] },
  /** the new entry's note is the Planner task title; off by default, or every entry shows the title twice (issue 15) */
  noteIsTitle: { schema: z.boolean(), fallback: false },
  /** ask what to do with time the computer sat idle longer than this (minutes); 0 = never */
  idleMinutes: { schema: z.number().check(z.int(), z.gte(0), z.lte(240)), fallback: 10 },
  /** show elapsed minutes on the toolbar icon */
  badge: { schema: z.boolean(), fallback: true },
} as const;

export type Settings = { -readonly [K in keyof typeof fields]: z.infer<(typeof fields)[K]['schema']> };
export type SettingName = keyof Settings;

export const DEFAULT_SETTINGS: Settings = Object.fromEntries(
  Object.entries(fields).map(([k, f]) => [k, f.fallback]),
) as Settings;

/** Every field parsed on its own; returns the settings and the names of the fields that fell back */
export function parseSettings(raw: unknown): { settings: Settings; invalid: SettingName[] } {
  const source = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const settings = { ...DEFAULT_SETTINGS } as Record<string, unknown>;
  const invalid: SettingName[] = [];
  for (const [name, field] of Object.entries(fields) as [SettingName, (typeof fields)[SettingName]][]) {
    if (!(name in source)) continue;
    const parsed = z.safeParse(field.schema as z.ZodMiniType, source[name]);
    if (parsed.success) settings[name] = parsed.data;
    else invalid.push(name);
  }
  return { settings: settings as Settings, invalid };
}

/** Origin pattern for a host permission, e.g. https://timecamp.example.com/* */
export const originPattern = (url: string) => `${new URL(url).origin}/*`;
