#!/usr/bin/env python3
"""Minimal reproduction: Deno's Jupyter kernel publishes some of a cell's outputs after the cell's `status: idle`.

Usage: python3 late_output.py [ROUNDS]          count late messages per kind of cell, on the raw protocol
       python3 late_output.py --nbclient [N]    run a notebook of N `console.log(...); i` cells with nbclient (what
                                                `jupyter nbconvert --execute` uses) and count cells left empty
Needs python3-jupyter-client (and python3-nbclient for --nbclient) and a Jupyter kernelspec named `deno`
(`deno jupyter --install`, or this project's, see README.md here).

Raw mode: for each of a few one-line cells it executes the cell ROUNDS times and, for every execution, waits for
the execute_reply and the idle status of that request, then listens 1 s more and counts the IOPub messages with
that request as parent that came after the idle. The Jupyter messaging protocol has the kernel publish idle when
it has finished processing the request, after all of its outputs, so every count should be 0.
"""
import queue
import sys
import time
from collections import Counter

from jupyter_client.manager import KernelManager

CELLS = {
    'console.log':          "console.log('hello')",
    'last expression':      "42",
    'display + log':        "await Deno.jupyter.display({ 'text/plain': 'shown' }, { raw: true }); console.log('after')",
    'log then expression':  "console.log('first'); 'second'",
}


def run_once(kc, code):
    msg_id = kc.execute(code)
    reply, idle_at, late = None, None, Counter()
    while True:
        if reply is None:
            try:
                r = kc.get_shell_msg(timeout=0.01)
                if r['parent_header'].get('msg_id') == msg_id:
                    reply = r
            except queue.Empty:
                pass
        try:
            m = kc.get_iopub_msg(timeout=0.05)
        except queue.Empty:
            if idle_at is not None and reply is not None and time.monotonic() - idle_at > 1.0:
                return late
            continue
        if m['parent_header'].get('msg_id') != msg_id:
            continue
        if m['msg_type'] == 'status' and m['content']['execution_state'] == 'idle':
            idle_at = time.monotonic()
        elif idle_at is not None:
            late[m['msg_type']] += 1
            late['max ms after idle'] = max(late['max ms after idle'], round(1000 * (time.monotonic() - idle_at)))


def nbclient_mode(n):
    import nbformat
    from nbclient import NotebookClient
    nb = nbformat.v4.new_notebook(metadata={'kernelspec': {'name': 'deno', 'display_name': 'Deno', 'language': 'typescript'}})
    nb.cells = [nbformat.v4.new_code_cell(f"console.log('log {i}'); {i}") for i in range(n)]
    NotebookClient(nb, timeout=60, kernel_name='deno').execute()
    kinds = {'stream', 'execute_result'}
    short = [i for i, c in enumerate(nb.cells) if {o.output_type for o in c.outputs} != kinds]
    print(f'nbclient: {len(short)} of {n} cells lost an output (each should have a stream and a result): {short}')


def main():
    if len(sys.argv) > 1 and sys.argv[1] == '--nbclient':
        return nbclient_mode(int(sys.argv[2]) if len(sys.argv) > 2 else 100)
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    km = KernelManager(kernel_name='deno')
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        for name, code in CELLS.items():
            total, hit = Counter(), 0
            for _ in range(rounds):
                late = run_once(kc, code)
                delay = late.pop('max ms after idle', 0)
                total += late
                total['max ms after idle'] = max(total['max ms after idle'], delay)
                hit += bool(late)
            print(f'{name:22s} {code!r:90s} late in {hit}/{rounds} runs  {dict(total)}', flush=True)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == '__main__':
    main()
