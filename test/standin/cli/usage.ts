/**
 * The `Usage:` line swift-argument-parser prints under a parse error. It lists
 * a command's arguments in declaration order, but collapses to
 * `[<options>]` plus the required and positional ones when a command has more
 * than twelve (run, create, exec, build). Written out per command from Apple's
 * sources at 1.2.2; older releases with fewer flags print shorter lines for
 * the small commands, which the stand-in does not model.
 */
const SYNOPSES: Readonly<Record<string, string>> = {
  run: 'container run [<options>] <image> [<arguments> ...]',
  create: 'container create [<options>] <image> [<arguments> ...]',
  start: 'container start [--attach] [--interactive] [--debug] <container-id>',
  stop: 'container stop [--all] [--signal <signal>] [--time <time>] [--debug] [<container-ids> ...]',
  kill: 'container kill [--all] [--signal <signal>] [--debug] [<container-ids> ...]',
  delete: 'container delete [--all] [--force] [--debug] [<container-ids> ...]',
  list: 'container list [--all] [--format <format>] [--quiet] [--debug]',
  inspect: 'container inspect [--debug] <container-ids> ...',
  exec: 'container exec [<options>] <container-id> <arguments> ...',
  logs: 'container logs [--boot] [--follow] [-n <n>] [--debug] <container-id>',
  stats: 'container stats [<containers> ...] [--format <format>] [--no-stream] [--debug]',
  build: 'container build [<options>] [<context-dir>]',
  'image list': 'container image list [--format <format>] [--quiet] [--verbose] [--debug]',
  'image inspect': 'container image inspect [--debug] <images> ...',
  'image pull':
    'container image pull [--scheme <scheme>] [--progress <type>] ' +
    '[--max-concurrent-downloads <max-concurrent-downloads>] [--arch <arch>] [--os <os>] ' +
    '[--platform <platform>] [--debug] <reference>',
  'image delete': 'container image delete [--all] [--force] [<images> ...] [--debug]',
  'system start':
    'container system start [--app-root <app-root>] [--install-root <install-root>] ' +
    '[--log-root <log-root>] [--enable-kernel-install] [--disable-kernel-install] ' +
    '[--timeout <timeout>] [--debug]',
  'system stop': 'container system stop [--prefix <prefix>] [--debug]',
  'system status': 'container system status [--prefix <prefix>] [--format <format>] [--debug]',
  'system version': 'container system version [--format <format>] [--debug]',
  'builder start':
    'container builder start [--cpus <cpus>] [--memory <memory>] [--dns <ip> ...] ' +
    '[--dns-domain <domain>] [--dns-option <option> ...] [--dns-search <domain> ...] [--debug]',
  'builder status': 'container builder status [--format <format>] [--quiet] [--debug]',
  'builder stop': 'container builder stop [--debug]',
  'builder delete': 'container builder delete [--force] [--debug]',
  'network create':
    'container network create [--internal] [--label <label> ...] [--option <option> ...] ' +
    '[--plugin <plugin>] [--subnet <subnet>] [--subnet-v6 <subnet-v6>] [--debug] <name>',
  'network delete': 'container network delete [--all] [--debug] [<network-names> ...]',
  'network list': 'container network list [--format <format>] [--quiet] [--debug]',
  'network inspect': 'container network inspect <networks> ... [--debug]',
  'network prune': 'container network prune [--debug]',
  'volume create':
    'container volume create [--label <label> ...] [--opt <opt> ...] [-s <size>] [--debug] <name>',
  'volume delete': 'container volume delete [--all] [--debug] [<names> ...]',
  'volume list': 'container volume list [--format <format>] [--quiet] [--debug]',
  'volume inspect': 'container volume inspect [--debug] <names> ...',
  'volume prune': 'container volume prune [--debug]',
  image: 'container image <subcommand>',
  network: 'container network <subcommand>',
  volume: 'container volume <subcommand>',
  system: 'container system <subcommand>',
  builder: 'container builder <subcommand>',
};

export function usageLines(command: readonly string[]): string {
  // An unknown subcommand (`container image frob`) is reported against its group.
  const key = [command.join(' '), command[0] ?? ''].find((k) => SYNOPSES[k] !== undefined);
  const synopsis = key === undefined ? 'container <subcommand>' : (SYNOPSES[key] ?? '');
  const helpTarget = key === undefined || key === '' ? 'container' : `container ${key}`;
  return `Usage: ${synopsis}\n  See '${helpTarget} --help' for more information.`;
}
