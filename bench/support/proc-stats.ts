/*
 * What Linux says of a process: resident memory (now and at its peak) from /proc/<pid>/status, and
 * CPU time (user + system, all threads) from /proc/<pid>/stat. Works for any process the bench can
 * read, its own children and the PostgreSQL server's processes alike.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux x86-64). */
const USER_HZ = 100;

/** VmRSS and VmHWM (peak resident set) in bytes. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** CPU time used so far by the process (user + system), in microseconds; 0 once it is gone. */
export function cpuMicrosOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of the whole line (utime, stime) are the 12th and 13th after the name.
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / USER_HZ;
  } catch {
    return 0;
  }
}

/** The processes whose command name is `name` (e.g. every PostgreSQL server process). */
export function pidsNamed(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Summed CPU time of several processes, in microseconds. */
export const cpuMicrosOfAll = (pids: number[]): number => pids.reduce((a, pid) => a + cpuMicrosOf(pid), 0);

/** Samples VmRSS every `everyMs` until stopped; resolves to the highest value seen. */
export function sampleRss(pid: number, everyMs = 20): { stop(): number } {
  let max = 0;
  const take = () => {
    try {
      max = Math.max(max, memoryOf(pid).rss);
    } catch {
      // the process ended
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      take();
      return max;
    },
  };
}

/**
 * CPU time of every process named `name` over a span, including processes that start during it
 * (counted from zero) and, up to the last sample, those that end during it (e.g. pgbench's
 * backends, which exit with their client): /proc is read every `everyMs`.
 */
export function sampleCpuOfNamed(name: string, everyMs = 100): { stop(): number } {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const take = (initial: boolean) => {
    for (const pid of pidsNamed(name)) {
      const us = cpuMicrosOf(pid);
      if (us === 0 && !last.has(pid)) continue;
      if (!first.has(pid)) first.set(pid, initial ? us : 0);
      if (us > 0) last.set(pid, us);
    }
  };
  take(true);
  const timer = setInterval(() => take(false), everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      take(false);
      let total = 0;
      for (const [pid, us] of last) total += Math.max(0, us - (first.get(pid) ?? 0));
      return total;
    },
  };
}

/**
 * Resets the process's VmHWM to its VmRSS now (writes 5 to /proc/<pid>/clear_refs, Linux 4.0 and
 * later, for a process the bench owns), so that VmHWM read afterwards is the exact peak of what
 * happened since, not of the process's whole life. False when the kernel refuses.
 */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
