import type { ContainerInfo } from '../../src/core/client/types';

/** A container as `container list` describes it, plain but for `extra`. */
export function containerInfo(
  id: string,
  state: ContainerInfo['state'],
  extra: Partial<ContainerInfo> = {},
): ContainerInfo {
  return {
    id,
    state,
    image: 'img',
    rosetta: false,
    labels: {},
    publishedPorts: [],
    environment: [],
    ...extra,
  };
}
