"""Run one command and print, as JSON, its wall and CPU seconds and peak memory.

    python -S benchmarks/launch.py COMMAND [ARG ...]

Started by the harness so that the measured command is forked from this small process: Linux
keeps a process's peak resident memory across ``exec``, so a command forked straight from the
harness (which holds Polars, OpenFisca and the data) would inherit the harness's peak as its
own. Only the standard library's smallest modules are imported here. The command's output is
thrown away; its error output passes through.
"""

import json
import os
import subprocess
import sys
import time


def main() -> None:
    command = sys.argv[1:]
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    figures = {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_mib": usage.ru_maxrss / 1024,
        "exit": os.waitstatus_to_exitcode(status),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
