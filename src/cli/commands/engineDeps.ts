import type { EngineDeps } from '../../core/engine/deps';
import { createEngineDeps } from '../../node/engineDeps';
import type { Io } from '../io';

/** The engine on this machine, with progress on stderr. `SLIPWAY_CONTAINER` names another `container`; `--host` puts it all on another Mac. */
export function cliEngineDeps(io: Io, command?: string): EngineDeps {
  return createEngineDeps({
    containerPath: io.env.SLIPWAY_CONTAINER,
    env: io.env,
    log: (text) => io.stderr(text),
    command,
    ...(io.remote !== undefined ? { remote: io.remote } : {}),
  });
}
