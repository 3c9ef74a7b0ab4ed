/**
 * The sandbox's knobs: everything a test or a benchmark may turn to make the platform behave
 * like a particular day of the real one (docs/protocol.md §5).
 */
import { z } from 'zod';

/** Runtime settings of a sandbox platform; change them with `PATCH /_sandbox/knobs`. */
export interface Knobs {
  /** Delay added to every console response, in ms. */
  latencyMs: number;
  /** Console `date_time` = push `CreateTime` + an integer drawn from [min, max] seconds. */
  skew: { min: number; max: number };
  /** Seed of the PRNG that draws the skew; setting it restarts the sequence. */
  seed: number;
  /** A console session unused for this long (sandbox clock) is expired. */
  sessionIdleMs: number;
  /** More logins (or failures) than this within `captchaWindowMs` require a captcha (-6). */
  captchaAfterLogins: number;
  captchaWindowMs: number;
  /** More singlesends than this within a minute for one account answer -6. */
  sendPerMinute: number;
  /** The largest page the follower and message lists serve, whatever was asked. */
  pageSizeCap: number;
  /** Text in the console as the real one shows it: `<br/>`, `&nbsp;`, escaped `<>&`. */
  rewriteContent: boolean;
  /** Keyword auto-reply rules: a text containing one is hidden by `filterivrmsg=1`. */
  keywords: string[];
  /** How long the pusher waits for the bot's answer before dropping and retrying. */
  pushTimeoutMs: number;
  /** Attempts per push, the first included. */
  pushAttempts: number;
}

/** The defaults: the real platform's deadline and retries, no skew, no latency. */
export const DEFAULT_KNOBS: Knobs = {
  latencyMs: 0,
  skew: { min: 0, max: 0 },
  seed: 1,
  sessionIdleMs: 30 * 60 * 1000,
  captchaAfterLogins: 5,
  captchaWindowMs: 10 * 60 * 1000,
  sendPerMinute: 20,
  pageSizeCap: 50,
  rewriteContent: true,
  keywords: [],
  pushTimeoutMs: 5000,
  pushAttempts: 3,
};

const count = z.number().int().nonnegative();

/** Validates a partial knobs object (`PATCH /_sandbox/knobs`, `startSandbox({ knobs })`). */
export const knobsPatchSchema = z
  .object({
    latencyMs: count,
    skew: z
      .object({ min: z.number().int(), max: z.number().int() })
      .refine((s) => s.min <= s.max, { message: 'skew.min must not exceed skew.max' }),
    seed: z.number().int(),
    sessionIdleMs: z.number().int().positive(),
    captchaAfterLogins: count,
    captchaWindowMs: count,
    sendPerMinute: count,
    pageSizeCap: z.number().int().positive(),
    rewriteContent: z.boolean(),
    keywords: z.array(z.string().min(1)),
    pushTimeoutMs: z.number().int().positive(),
    pushAttempts: z.number().int().min(1).max(10),
  })
  .partial()
  .strict();

/** A validated partial update of the knobs. */
export type KnobsPatch = z.infer<typeof knobsPatchSchema>;
