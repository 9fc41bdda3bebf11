/**
 * `--network <name>[,mac=...][,mtu=...]`: Apple's checks of one network value.
 */

import { type GrammarProblem, runtimeError } from './problems';

const MAC_ADDRESS = /^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$/;

export function checkNetwork(value: string): GrammarProblem[] {
  if (value === '') {
    return [runtimeError('network specification cannot be empty')];
  }
  const [name = '', ...properties] = value.split(',');
  if (name === '') {
    return [runtimeError('network name cannot be empty')];
  }
  for (const property of properties) {
    const pieces = property.split('=');
    if (pieces.length !== 2) {
      return [
        runtimeError(`invalid property format '${property}' in network specification '${value}'`),
      ];
    }
    const [key = '', setting = ''] = pieces;
    if (key === 'mac') {
      if (setting === '') {
        return [runtimeError('mac address value cannot be empty')];
      }
      if (!MAC_ADDRESS.test(setting)) {
        return [
          runtimeError(`invalid MAC address format ${setting}, expected format: XX:XX:XX:XX:XX:XX`),
        ];
      }
    } else if (key === 'mtu') {
      const mtu = /^\d+$/.test(setting) ? Number(setting) : NaN;
      if (!(mtu >= 1280 && mtu <= 65535)) {
        return [runtimeError(`invalid mtu value '${setting}': must be between 1280 and 65535`)];
      }
    } else {
      return [runtimeError(`unknown network property '${key}'. Available properties: mac, mtu`)];
    }
  }
  return [];
}
