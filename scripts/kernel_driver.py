#!/usr/bin/env python3
"""Drives a Jupyter kernel with the real jupyter_client, for the JUnit tests and the benchmark.

Usage: kernel_driver.py --spec-dir DIR --argv JSON
Writes a kernelspec 'kubelab-test' under DIR (a temporary JUPYTER_PATH), starts it with KernelManager and then
reads one JSON command per line on stdin, answering one JSON line on stdout per command:
  {"op": "execute", "code": "...", "timeout": 60}
  {"op": "interrupt", "code": "...", "delay": 1.0, "mode": "message"|"signal", "after_output": false}
  {"op": "complete"|"inspect", "code": "...", "cursor": N}
  {"op": "is_complete", "code": "..."}
  {"op": "history"}  {"op": "kernel_info"}  {"op": "malformed"}  {"op": "pid"}  {"op": "rss"}
  {"op": "shutdown"}
"""
import argparse
import json
import os
import signal
import sys
import time
import traceback

from jupyter_client.manager import KernelManager
from jupyter_client.session import Session


def collect(kc, msg_id, timeout, t0):
    """All iopub messages of one request until it is idle, each with its arrival time (seconds after t0)."""
    msgs = []
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("no idle status within %ss" % timeout)
        msg = kc.get_iopub_msg(timeout=left)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        msgs.append({"type": msg["msg_type"], "content": msg["content"], "t": time.monotonic() - t0})
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return msgs


def shell_reply(kc, msg_id, timeout):
    deadline = time.monotonic() + timeout
    while True:
        reply = kc.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


def execute(kc, code, timeout=60):
    t0 = time.monotonic()
    msg_id = kc.execute(code, allow_stdin=False)
    reply = shell_reply(kc, msg_id, timeout)
    t_reply = time.monotonic() - t0
    msgs = collect(kc, msg_id, timeout, t0)
    return {"reply": reply["content"], "messages": msgs, "elapsed": t_reply}


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--spec-dir", required=True)
    ap.add_argument("--argv", required=True)
    ap.add_argument("--name", default="kubelab-test")
    args = ap.parse_args()

    kdir = os.path.join(args.spec_dir, "kernels", args.name)
    os.makedirs(kdir, exist_ok=True)
    with open(os.path.join(kdir, "kernel.json"), "w") as f:
        json.dump({"argv": json.loads(args.argv) + ["{connection_file}"], "display_name": "kubelab (test)",
                   "language": "java", "interrupt_mode": "message"}, f)
    os.environ["JUPYTER_PATH"] = args.spec_dir + os.pathsep + os.environ.get("JUPYTER_PATH", "")

    t_start = time.monotonic()
    km = KernelManager(kernel_name=args.name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    started = time.monotonic() - t_start
    pid = km.provisioner.process.pid if km.provisioner else km.kernel.pid
    print(json.dumps({"ready": True, "startup": started, "pid": pid}), flush=True)

    for line in sys.stdin:
        if not line.strip():
            continue
        cmd = json.loads(line)
        op = cmd["op"]
        try:
            if op == "execute":
                out = execute(kc, cmd["code"], cmd.get("timeout", 60))
            elif op == "interrupt":
                t0 = time.monotonic()
                msg_id = kc.execute(cmd["code"])
                early = []
                if cmd.get("after_output"):
                    # the cell is running once it has printed: an interrupt sent earlier could reach the kernel
                    # before it starts the cell, and an interrupt with no cell running is (rightly) a no-op
                    deadline = time.monotonic() + cmd.get("timeout", 30)
                    while time.monotonic() < deadline:
                        msg = kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
                        if msg["parent_header"].get("msg_id") != msg_id:
                            continue
                        early.append({"type": msg["msg_type"], "content": msg["content"], "t": time.monotonic() - t0})
                        if msg["msg_type"] == "stream":
                            break
                time.sleep(cmd.get("delay", 1.0))
                t_int = time.monotonic()
                if cmd.get("mode", "message") == "signal":
                    km.signal_kernel(signal.SIGINT)
                else:
                    km.interrupt_kernel()
                reply = shell_reply(kc, msg_id, cmd.get("timeout", 30))
                stopped_after = time.monotonic() - t_int
                msgs = early + collect(kc, msg_id, 30, t0)
                out = {"reply": reply["content"], "messages": msgs, "stopped_after": stopped_after}
            elif op in ("complete", "inspect"):
                code, cursor = cmd["code"], cmd.get("cursor", len(cmd["code"]))
                msg_id = kc.complete(code, cursor) if op == "complete" else kc.inspect(code, cursor)
                out = {"reply": shell_reply(kc, msg_id, 60)["content"]}
            elif op == "is_complete":
                out = {"reply": shell_reply(kc, kc.is_complete(cmd["code"]), 60)["content"]}
            elif op == "history":
                out = {"reply": shell_reply(kc, kc.history(hist_access_type="tail", n=cmd.get("n", 10)), 60)["content"]}
            elif op == "kernel_info":
                t0 = time.monotonic()
                reply = shell_reply(kc, kc.kernel_info(), 60)
                out = {"reply": reply["content"], "elapsed": time.monotonic() - t0}
            elif op == "malformed":
                sock = kc.shell_channel.socket
                # 1. a message signed with the wrong key
                Session(key=b"not-the-key").send(sock, "execute_request", {"code": "1"})
                # 2. an unknown message type
                kc.session.send(sock, "no_such_request", {})
                # 3. an execute_request whose content has the wrong shape
                kc.session.send(sock, "execute_request", {"code": {"not": "a string"}, "silent": "maybe"})
                # 4. bytes that are not a Jupyter message at all
                sock.send_multipart([b"garbage", b"<IDS|MSG>", b"x", b"{", b"}", b"", b""])
                time.sleep(0.5)
                reply = shell_reply(kc, kc.kernel_info(), 30)
                out = {"reply": reply["content"], "alive": km.is_alive()}
            elif op == "pid":
                out = {"pid": pid, "alive": km.is_alive()}
            elif op == "rss":
                out = {"rss_kb": rss_kb(pid)}
            elif op == "shutdown":
                kc.stop_channels()
                km.shutdown_kernel(now=cmd.get("now", False))
                print(json.dumps({"ok": True, "alive": km.is_alive()}), flush=True)
                return
            else:
                out = {"error": "unknown op " + op}
        except Exception as e:  # report, keep the driver alive for the next command
            out = {"error": "%s: %s" % (type(e).__name__, e), "trace": traceback.format_exc()}
        print(json.dumps(out), flush=True)
    kc.stop_channels()
    km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
