#!/usr/bin/env python3
"""Execute a notebook headless and write it with its outputs: `notebook_run.py IN.ipynb OUT.ipynb [--html OUT.html]`.

Why not `jupyter nbconvert --execute`: Deno's Jupyter kernel sometimes publishes a cell's output on IOPub just
*after* the `status: idle` that ends the cell (see notebooks/repro/). nbclient stops listening for a cell at that
idle, so those outputs are dropped. This runner is nbclient's loop with two small changes:

1. every IOPub message is routed to the cell whose request it answers (its parent msg_id), whenever it comes, so
   a late output still lands under its own cell while later cells run;
2. after a cell's idle (and after the last cell) it keeps listening until IOPub has been quiet for GRACE seconds.

It prints one line per cell, how many outputs came late, and exits 1 if a cell raised an error.
Kernel: the notebook's kernelspec, looked up through the usual Jupyter paths (`npm run notebook` and the test put
the project's `.jupyter/` first). Needs Debian's python3-nbclient (jupyter_client, nbformat); `--html` needs
jupyter-nbconvert and renders with notebooks/nbconvert/gradtape-lab, the lab template with SVG left as SVG.
"""
import argparse
import os
import queue
import sys
import time

import nbformat
from jupyter_client.manager import KernelManager

GRACE = 0.3          # seconds of IOPub silence after idle before a cell counts as finished (late outputs came
                     # 0-14 ms after idle in notebooks/repro; outputs later still are filed by parent id)
CELL_TIMEOUT = 120   # seconds a single cell may run


def output_from(msg):
    """The nbformat output for an IOPub message, or None for messages that are not outputs."""
    kind, c = msg['msg_type'], msg['content']
    if kind == 'stream':
        return nbformat.v4.new_output('stream', name=c['name'], text=c['text'])
    if kind in ('display_data', 'execute_result'):
        out = nbformat.v4.new_output(kind, data=c.get('data', {}), metadata=c.get('metadata', {}))
        if kind == 'execute_result':
            out['execution_count'] = c.get('execution_count')
        return out
    if kind == 'error':
        return nbformat.v4.new_output('error', ename=c['ename'], evalue=c['evalue'], traceback=c['traceback'])
    return None


def append(outputs, out):
    """Adds an output, merging consecutive stream text of one stream as Jupyter front ends do."""
    if out['output_type'] == 'stream' and outputs and outputs[-1]['output_type'] == 'stream' \
            and outputs[-1]['name'] == out['name']:
        outputs[-1]['text'] += out['text']
    else:
        outputs.append(out)


class Runner:
    def __init__(self, kc):
        self.kc = kc
        self.cells = {}      # msg_id -> cell
        self.idle = set()    # msg_ids whose idle status has been seen
        self.late = 0        # outputs that arrived after their cell's idle

    def pump(self, timeout):
        """Handles one IOPub message; returns False if none came within `timeout` seconds."""
        try:
            msg = self.kc.get_iopub_msg(timeout=timeout)
        except queue.Empty:
            return False
        parent = msg['parent_header'].get('msg_id')
        cell = self.cells.get(parent)
        if cell is None:
            return True
        if msg['msg_type'] == 'status' and msg['content']['execution_state'] == 'idle':
            self.idle.add(parent)
        elif msg['msg_type'] == 'clear_output':
            cell['outputs'] = []
        else:
            out = output_from(msg)
            if out is not None:
                if parent in self.idle:
                    self.late += 1
                append(cell['outputs'], out)
        return True

    def settle(self):
        """Listens until IOPub has been quiet for GRACE seconds (late outputs find their cells by parent id)."""
        while self.pump(GRACE):
            pass

    def run(self, cell):
        cell['outputs'] = []
        msg_id = self.kc.execute(cell['source'], store_history=True, allow_stdin=False)
        self.cells[msg_id] = cell
        deadline = time.monotonic() + CELL_TIMEOUT
        reply = None
        while reply is None or msg_id not in self.idle:
            if time.monotonic() > deadline:
                raise TimeoutError(f'cell {cell.get("id")} ran past {CELL_TIMEOUT} s')
            if reply is None:
                try:
                    r = self.kc.get_shell_msg(timeout=0.01)
                    if r['parent_header'].get('msg_id') == msg_id:
                        reply = r
                except queue.Empty:
                    pass
            self.pump(0.05)
        cell['execution_count'] = reply['content'].get('execution_count')
        self.settle()
        return reply['content'].get('status')


def execute(nb, cwd):
    name = nb.metadata.get('kernelspec', {}).get('name', 'deno')
    km = KernelManager(kernel_name=name)
    km.start_kernel(cwd=cwd)
    kc = km.client()
    kc.start_channels()
    failed = []
    try:
        kc.wait_for_ready(timeout=60)
        runner = Runner(kc)
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != 'code':
                continue
            t0 = time.monotonic()
            status = runner.run(cell)
            kinds = ', '.join(sorted({k for o in cell['outputs'] for k in o.get('data', {})} |
                                     {o['output_type'] for o in cell['outputs'] if 'data' not in o})) or 'no output'
            print(f'cell {i:2d}: {status:5s} {time.monotonic() - t0:5.1f} s  {kinds}', flush=True)
            if status != 'ok':
                failed.append(i)
        # one more (empty) request, answered only after everything before it: stragglers of the last cell
        # arriving meanwhile still find their cell by parent id
        runner.run(nbformat.v4.new_code_cell(''))
        print(f'late outputs (after idle, kept): {runner.late}', flush=True)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return failed


def render_html(nb, path):
    from nbconvert import HTMLExporter
    here = os.path.dirname(os.path.abspath(__file__))
    exporter = HTMLExporter(template_name='gradtape-lab',
                            extra_template_basedirs=[os.path.join(here, '..', 'notebooks', 'nbconvert')])
    body, _ = exporter.from_notebook_node(nb)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(body)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('input')
    ap.add_argument('output')
    ap.add_argument('--html', help='also render the executed notebook to this HTML file (SVG kept)')
    args = ap.parse_args()
    nb = nbformat.read(args.input, as_version=4)
    t0 = time.monotonic()
    failed = execute(nb, os.path.dirname(os.path.abspath(args.input)))
    print(f'executed in {time.monotonic() - t0:.1f} s', flush=True)
    nbformat.write(nb, args.output)
    if args.html:
        render_html(nb, args.html)
    if failed:
        print(f'cells with errors: {failed}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
