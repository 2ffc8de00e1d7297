"""What else the machine was doing during a run: benchmarks on a shared 2-core
machine are only as good as the cores they had."""

from __future__ import annotations

import os
import resource
from pathlib import Path


def busy_seconds() -> float:
    """CPU time spent busy by the whole machine since boot (Linux /proc/stat)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def own_seconds() -> float:
    """CPU time of this process and of its children that have been waited for."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


class Contention:
    """Core-seconds the rest of the machine used between ``start`` and ``stop``,
    given the CPU time this run's own processes used (``own``)."""

    def start(self) -> None:
        self.busy = busy_seconds()

    def others(self, own: float) -> float:
        return max(0.0, busy_seconds() - self.busy - own)
