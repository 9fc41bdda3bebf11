/**
 * Out-of-memory kills, for `logs --boot`. Apple's guest kernel logs its OOM
 * killer's lines in the VM's boot log; here there is no VM and no readable
 * kernel log, so the count comes from podman: the container's memory cgroup
 * (`oom_kill` in memory.oom_control, cgroup v1, or memory.events, v2) while it
 * runs, and `State.OOMKilled` (its init process was killed) once it stopped.
 * The kernel-style lines are made from that count; the killed process's name
 * and pid are not known here (a deviation the README lists).
 */
import { readFileSync } from 'node:fs';
import type { ContainerRecord } from '../model/types';
import { podman } from '../podman/podman';

function cgroupKills(cgroupPath: string): number | undefined {
  for (const file of [
    `/sys/fs/cgroup/memory${cgroupPath}/memory.oom_control`,
    `/sys/fs/cgroup${cgroupPath}/memory.events`,
  ]) {
    try {
      const count = /^oom_kill (\d+)$/m.exec(readFileSync(file, 'utf8'))?.[1];
      if (count !== undefined) {
        return Number(count);
      }
    } catch {
      // Not this cgroup layout; try the other.
    }
  }
  return undefined;
}

/** How many processes the OOM killer took in this container since it started. */
export async function oomKillCount(record: ContainerRecord): Promise<number> {
  if (record.podmanName === undefined) {
    return 0;
  }
  const result = await podman([
    'container',
    'inspect',
    '--format',
    '{{.State.Running}}\t{{.State.CgroupPath}}\t{{.State.OOMKilled}}',
    record.podmanName,
  ]);
  if (result.code !== 0) {
    return 0;
  }
  const [running, cgroupPath = '', oomKilled] = result.stdout.trim().split('\t');
  const counted = running === 'true' && cgroupPath !== '' ? cgroupKills(cgroupPath) : undefined;
  return counted ?? (oomKilled === 'true' ? 1 : 0);
}

/** The lines Linux 6.x writes for a memory cgroup kill, one pair per kill. */
export function oomKillLines(count: number, uptimeSeconds: number): string[] {
  const stamp = `[${uptimeSeconds.toFixed(6).padStart(12)}]`;
  return Array.from({ length: count }, () => [
    `${stamp} oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/,task_memcg=/,task=unknown,pid=0,uid=0`,
    `${stamp} Memory cgroup out of memory: Killed process 0 (unknown) total-vm:0kB, anon-rss:0kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:0kB oom_score_adj:0`,
  ]).flat();
}
