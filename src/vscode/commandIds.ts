/** Every command Slipway registers; a test checks this list against package.json. */
export const COMMAND_IDS = ['slipway.showPlan', 'slipway.showLog'] as const;
export type CommandId = (typeof COMMAND_IDS)[number];
