/**
 * Whether this configuration runs the demo: no accounts file, and the sandbox not switched off
 * (SANDBOX=0). The demo keeps its documents in memory, as its sandbox does; the owner's tools
 * use this to look at the stores the bot would really use.
 */
export function isDemo(config: { accountsFile?: string; sandbox?: boolean }): boolean {
  return !config.accountsFile && config.sandbox !== false;
}
