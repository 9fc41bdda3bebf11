import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { parseOomKills } from '../../../src/core/memory/oomLog';

/**
 * Fixtures written from the Linux kernel's OOM-killer messages
 * (mm/oom_kill.c, 6.x and 4.x), as `container logs --boot` shows the guest's.
 */

const BOOT = [
  '[    0.000000] Booting Linux on physical CPU 0x0000000000 [0x610f0000]',
  '[    0.212345] vminitd: booting container app',
];

const CGROUP_KILL = [
  '[  812.104211] tail invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0',
  '[  812.104300] memory: usage 262144kB, limit 262144kB, failcnt 97',
  '[  812.104402] oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/app,task_memcg=/app,task=tail,pid=431,uid=1000',
  '[  812.104480] Memory cgroup out of memory: Killed process 431 (tail) total-vm:620332kB, anon-rss:258048kB, file-rss:4kB, shmem-rss:0kB, UID:1000 pgtables:560kB oom_score_adj:0',
  '[  812.110020] oom_reaper: reaped process 431 (tail), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB',
];

const SYSTEM_KILL = [
  '[ 1532.001000] node invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0',
  '[ 1532.001200] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=node,pid=812,uid=1000',
  '[ 1532.001300] Out of memory: Killed process 812 (node) total-vm:4912332kB, anon-rss:3901440kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:8000kB oom_score_adj:0',
];

describe('parseOomKills: the guest kernel’s out-of-memory lines', () => {
  it('finds nothing in a clean boot log', () => {
    assert.deepEqual(parseOomKills(BOOT.join('\n')), []);
  });

  it('reads a memory cgroup kill as one kill, with its process and memory', () => {
    const [kill, ...rest] = parseOomKills([...BOOT, ...CGROUP_KILL].join('\n'));
    assert.deepEqual(rest, []);
    assert.deepEqual(kill, {
      scope: 'cgroup',
      pid: 431,
      process: 'tail',
      anonRssBytes: 258048 * 1024,
      line: CGROUP_KILL[3]?.replace(/^\[[^\]]*\]\s*/, ''),
    });
  });

  it('reads a kill of the whole VM as system scope, after an earlier cgroup kill', () => {
    const kills = parseOomKills([...BOOT, ...CGROUP_KILL, ...SYSTEM_KILL].join('\r\n'));
    assert.deepEqual(
      kills.map((kill) => [kill.scope, kill.pid, kill.process]),
      [
        ['cgroup', 431, 'tail'],
        ['system', 812, 'node'],
      ],
    );
  });

  it('counts a kill whose summary line alone survived `-n`', () => {
    const kills = parseOomKills(SYSTEM_KILL[1] ?? '');
    assert.equal(kills.length, 1);
    assert.equal(kills[0]?.process, 'node');
    assert.equal(kills[0]?.pid, 812);
    assert.equal(kills[0]?.scope, 'system');
  });

  it('counts a `Killed process` line alone, without timestamps', () => {
    const kills = parseOomKills(
      'Memory cgroup out of memory: Killed process 77 (python3) total-vm:100kB, anon-rss:64kB',
    );
    assert.deepEqual(
      kills.map((kill) => [kill.scope, kill.pid, kill.process, kill.anonRssBytes]),
      [['cgroup', 77, 'python3', 64 * 1024]],
    );
  });

  it('reads the older kernels’ wording (`Kill process … or sacrifice child`, then `Killed process`)', () => {
    const log = [
      '[  100.1] Out of memory: Kill process 900 (java) score 912 or sacrifice child',
      '[  100.2] Killed process 900 (java) total-vm:2000000kB, anon-rss:1000000kB, file-rss:0kB',
    ].join('\n');
    const kills = parseOomKills(log);
    assert.deepEqual(
      kills.map((kill) => [kill.scope, kill.pid, kill.process]),
      [['system', 900, 'java']],
    );
  });

  it('keeps two kills of the same cgroup apart', () => {
    const second = CGROUP_KILL.map((line) => line.replaceAll('431', '432'));
    assert.equal(parseOomKills([...CGROUP_KILL, ...second].join('\n')).length, 2);
  });
});
