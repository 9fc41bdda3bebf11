/**
 * The guest kernel's out-of-memory lines, read from `container logs --boot`.
 * Apple's VM has no ballooning and its kernel's OOM killer kills inside the
 * VM without a word to the host (the reference, §7): these lines are the only
 * evidence, and what turns "exit code 137" into "it ran out of memory".
 *
 * The kernel writes, per kill (6.x; older kernels wrote `Kill process … or
 * sacrifice child` first and then `Killed process …`):
 *   `<task> invoked oom-killer: gfp_mask=…, order=0, oom_score_adj=0`
 *   `oom-kill:constraint=CONSTRAINT_MEMCG,…,task=<name>,pid=<pid>,uid=<uid>`
 *   `Memory cgroup out of memory: Killed process <pid> (<name>) total-vm:…kB, anon-rss:…kB, …`
 * with `Out of memory:` instead of `Memory cgroup out of memory:` when the
 * whole VM ran out rather than a cgroup limit inside it.
 */

export interface OomKill {
  /** The killed process, when the log names it. */
  pid?: number;
  process?: string;
  /** `cgroup`: a memory limit inside the VM; `system`: the VM's whole memory. */
  scope: 'cgroup' | 'system';
  /** Its resident anonymous memory when killed. */
  anonRssBytes?: number;
  /** The kernel's own line, for the detail and the log. */
  line: string;
}

const TIMESTAMP = /^\s*(?:<\d+>)?\s*\[\s*\d+\.\d+\]\s*/;
const KILLED =
  /(Memory cgroup out of memory|Out of memory(?: \([^)]*\))?): Killed process (\d+) \(([^)]*)\)(.*)$/;
const OLD_KILLED = /^Killed process (\d+) \(([^)]*)\)(.*)$/;
const OOM_KILL = /^oom-kill:(\S*)/;

function field(fields: string, name: string): string | undefined {
  return new RegExp(`(?:^|,)${name}=([^,]*)`).exec(fields)?.[1];
}

function anonRss(rest: string): number | undefined {
  const kb = /anon-rss:(\d+)kB/.exec(rest)?.[1];
  return kb === undefined ? undefined : Number(kb) * 1024;
}

function withOptional(kill: OomKill, pid: number | undefined, name: string | undefined): OomKill {
  if (pid !== undefined && Number.isInteger(pid)) {
    kill.pid = pid;
  }
  if (name !== undefined && name !== '') {
    kill.process = name;
  }
  return kill;
}

/**
 * Every kill the log records, oldest first. A kill's `oom-kill:` summary and
 * its `Killed process` line are one kill (matched by pid); either alone still
 * counts, since `-n` may have cut the other off.
 */
export function parseOomKills(log: string): OomKill[] {
  const kills: OomKill[] = [];
  /** The kill last announced by an `oom-kill:` line, waiting for its `Killed process` line. */
  let announced: OomKill | undefined;
  for (const raw of log.split(/\r?\n/)) {
    const line = raw.replace(TIMESTAMP, '').trim();
    const summary = OOM_KILL.exec(line);
    if (summary) {
      const fields = summary[1] ?? '';
      const constraint = field(fields, 'constraint');
      const pid = field(fields, 'pid');
      announced = withOptional(
        { scope: constraint === 'CONSTRAINT_MEMCG' ? 'cgroup' : 'system', line },
        pid === undefined ? undefined : Number(pid),
        field(fields, 'task'),
      );
      kills.push(announced);
      continue;
    }
    const killed = KILLED.exec(line);
    const old = killed ? undefined : OLD_KILLED.exec(line);
    if (!killed && !old) {
      continue;
    }
    const pid = Number(killed ? killed[2] : old?.[1]);
    const name = killed ? killed[3] : old?.[2];
    const rest = (killed ? killed[4] : old?.[3]) ?? '';
    const scope: OomKill['scope'] =
      killed?.[1] === 'Memory cgroup out of memory' ? 'cgroup' : (announced?.scope ?? 'system');
    const kill = withOptional({ scope, line }, pid, name);
    const rss = anonRss(rest);
    if (rss !== undefined) {
      kill.anonRssBytes = rss;
    }
    if (announced !== undefined && (announced.pid === undefined || announced.pid === kill.pid)) {
      // The same kill, now with the line people recognise.
      Object.assign(announced, kill);
    } else {
      kills.push(kill);
    }
    announced = undefined;
  }
  return kills;
}
