#!/usr/bin/env python3
"""What the clients of failover-check.sh and restart-check.sh wrote, checked: every message a client had
acknowledged reached every client exactly once, none arrived twice, none reported not sent was written, and
the clients went on. Prints the counts and PASS or FAIL; exits 0 on PASS, 1 on FAIL.

usage: check-deliveries.py failover RUN_DIR CLIENTS PYTHON_CLIENTS MESSAGES CLUSTER STATUS...
       check-deliveries.py restart  RUN_DIR CLIENTS MESSAGES STATUS...

RUN_DIR holds, for Java client K, client-K.out (its --json lines) and client-K.err (its standard error, each
line stamped with the time it was read); for Python client K (failover only), pyK.out, pyK.acked, pyK.err and
python-pyK.log; and kill-time, victim (and, for restart, serving-time), as the scripts write them."""
import collections, json, re, statistics, sys

MOVED = re.compile(r"^client: Lost the connection to server (\S+); continuing on (\S+)\.$")
UNCONFIRMED = re.compile(r"^client: message may not have been sent \(.*\): (.*)$")
LOST = re.compile(r"^client: message not sent \(server \S+ did not answer: .*\): (.*)$")
REFUSED = re.compile(r"^client: message not sent \(.*\): (.*)$")


class Client:
    """One client's run: what it sent and had acknowledged, what it wrote, where it moved."""

    def __init__(self, name, messages):
        self.name = name
        self.sent = {f"{name}-{i:04d}" for i in range(1, messages + 1)}
        self.unconfirmed, self.lost, self.refused = set(), set(), set()
        self.moves, self.other_err, self.lookup_failures = [], [], []
        self.acked = set()
        self.received = collections.Counter()

    def read_output(self, path):
        for raw in open(path, encoding="utf-8"):
            message = json.loads(raw)
            if message["origin"] != "Sistema":
                self.received[message["content"]] += 1


def java_client(run_dir, k, messages, kill_time, status, problems):
    client = Client(f"bot{k}", messages)
    for raw in open(f"{run_dir}/client-{k}.err", encoding="utf-8"):
        stamp, _, line = raw.rstrip("\n").partition(" ")
        if m := MOVED.match(line):
            client.moves.append((float(stamp) - kill_time, m.group(1), m.group(2)))
        elif m := UNCONFIRMED.match(line):
            client.unconfirmed.add(m.group(1))
        elif m := LOST.match(line):
            client.lost.add(m.group(1))
        elif m := REFUSED.match(line):
            client.refused.add(m.group(1))
        else:
            client.other_err.append(line)
    if status not in (0, 6):
        problems.append(f"{client.name} exited with status {status}: {' | '.join(client.other_err[-3:])}")
    client.acked = client.sent - client.unconfirmed - client.lost - client.refused
    client.read_output(f"{run_dir}/client-{k}.out")
    return client


def python_client(run_dir, k, messages, kill_time, status, problems):
    client = Client(f"py{k}", messages)
    for raw in open(f"{run_dir}/{client.name}.err", encoding="utf-8"):
        stamp, _, line = raw.rstrip("\n").partition(" ")
        if line.startswith("lookup failed"):
            client.lookup_failures.append(float(stamp) - kill_time)
        elif m := re.match(r"^message may not have been sent \(.*\): (.*)$", line):
            client.unconfirmed.add(m.group(1))
        elif m := re.match(r"^message not sent \(refused\): (.*)$", line):
            client.refused.add(m.group(1))
        else:
            client.other_err.append(line)
    if status != 0:
        log = open(f"{run_dir}/python-{client.name}.log", encoding="utf-8").read()[-300:]
        problems.append(f"{client.name} exited with status {status}: {log}")
    client.acked = set(open(f"{run_dir}/{client.name}.acked", encoding="utf-8").read().split())
    client.read_output(f"{run_dir}/{client.name}.out")
    return client


def check_deliveries(clients, cluster, problems):
    """Every client must have written every acknowledged message once (standalone: its own only)."""
    all_acked = set().union(*(c.acked for c in clients))
    missing = duplicated = delivered = 0
    for listener in clients:
        expected = all_acked if cluster else listener.acked
        for message in sorted(expected):
            n = listener.received.get(message, 0)
            if n == 1:
                delivered += 1
            elif n == 0:
                missing += 1
                # Standalone servers keep no copy: what was acknowledged by the killed one may die with it.
                if cluster and missing <= 10:
                    problems.append(f"{listener.name} never got {message}")
            else:
                duplicated += 1
                problems.append(f"{listener.name} got {message} {n} times")
        for message, n in listener.received.items():
            if n > 1 and message not in expected:
                duplicated += 1
                problems.append(f"{listener.name} got {message} {n} times")
    for message in sorted(m for c in clients for m in c.lost):
        seen = [c.name for c in clients if c.received.get(message)]
        if seen:
            problems.append(f"{message} was reported not sent, yet {', '.join(seen)} wrote it")
    return all_acked, delivered, missing, duplicated


def print_counts(clients, all_acked, expected_total, delivered, missing, duplicated, lost_means):
    unconfirmed = sorted(set().union(*(c.unconfirmed for c in clients)))
    print(f"messages: {sum(len(c.sent) for c in clients)} sent, {len(all_acked)} acknowledged, {len(unconfirmed)} "
          f"possibly not sent (reported on stderr, not sent again), {sum(len(c.lost) for c in clients)} not sent "
          f"({lost_means}), {sum(len(c.refused) for c in clients)} refused")
    print(f"deliveries: {delivered} of {expected_total} expected exactly once, {missing} missing, {duplicated} duplicated")
    return unconfirmed


def print_unconfirmed(clients, unconfirmed):
    for message in unconfirmed:
        seen = [c.name for c in clients if c.received.get(message)]
        print(f"  possibly not sent {message}: written by {len(seen)} of {len(clients)} clients")


def finish(problems):
    for problem in problems[:20]:
        print(f"  problem: {problem}")
    if len(problems) > 20:
        print(f"  ... and {len(problems) - 20} more problems")
    print("PASS" if not problems else "FAIL")
    sys.exit(0 if not problems else 1)


def failover(args):
    run_dir, java, python, messages, cluster = args[0], int(args[1]), int(args[2]), int(args[3]), args[4] == "1"
    statuses = [int(s) for s in args[5:]]
    kill_time = float(open(f"{run_dir}/kill-time").read())
    victim = open(f"{run_dir}/victim").read().strip()
    problems = []
    clients = [java_client(run_dir, k, messages, kill_time, statuses[k - 1], problems) for k in range(1, java + 1)]
    clients += [python_client(run_dir, k, messages, kill_time, statuses[java + k - 1], problems)
                for k in range(1, python + 1)]
    all_acked, delivered, missing, duplicated = check_deliveries(clients, cluster, problems)
    print(f"servers: {'cluster' if cluster else 'standalone'}; killed {victim} with kill -9")
    print(f"clients: {java} Java, {python} Python, exit statuses {statuses}")
    expected_total = len(all_acked) * len(clients) if cluster else sum(len(c.acked) for c in clients)
    unconfirmed = print_counts(clients, all_acked, expected_total, delivered, missing, duplicated,
                               "their server was gone before they reached it")
    if not cluster and missing:
        print(f"  (standalone: the {missing} missing were acknowledged by the killed server, which kept them alone)")
    print_unconfirmed(clients, unconfirmed)
    failures = sorted(t for c in clients for t in c.lookup_failures)
    if python:
        after = [t for t in failures if t >= 0]
        print(f"Python clients' lookups that failed: {len(failures)}"
              + (f", the last {after[-1]*1000:.0f} ms after the kill" if after else ""))
    if victim.startswith("binder "):
        if not any("took over" in line for line in open(f"{run_dir}/binder-standby.log", encoding="utf-8")):
            problems.append("the standby Binder did not say it took the port over")
    else:
        on_victim = [c for c in clients if any(m[1] == victim for m in c.moves)]
        if on_victim:
            latencies = sorted(m[0] for c in on_victim for m in c.moves if m[1] == victim)
            print(f"moved off {victim}: {', '.join(c.name for c in on_victim)}; kill -9 to continuing on another "
                  f"server: min {latencies[0]*1000:.0f} ms, median {statistics.median(latencies)*1000:.0f} ms, "
                  f"max {latencies[-1]*1000:.0f} ms")
            for c in on_victim:
                for delay, old, new in c.moves:
                    print(f"  {c.name}: {old} -> {new} after {delay*1000:.0f} ms")
        else:
            problems.append(f"no client said it moved off {victim}: none was on it, or none noticed")
    finish(problems)


def restart(args):
    run_dir, java, messages = args[0], int(args[1]), int(args[2])
    statuses = [int(s) for s in args[3:]]
    kill_time = float(open(f"{run_dir}/kill-time").read())
    serving_after = float(open(f"{run_dir}/serving-time").read()) - kill_time
    victims = set(open(f"{run_dir}/victim").read().split())
    problems = []
    clients = [java_client(run_dir, k, messages, kill_time, statuses[k - 1], problems) for k in range(1, java + 1)]
    all_acked, delivered, missing, duplicated = check_deliveries(clients, True, problems)
    print(f"servers: every one killed with kill -9 ({', '.join(sorted(victims))}); the first serving again "
          f"{serving_after:.1f} s after the kill")
    print(f"clients: {java}, exit statuses {statuses}")
    unconfirmed = print_counts(clients, all_acked, len(all_acked) * java, delivered, missing, duplicated,
                               "no server was there")
    print_unconfirmed(clients, unconfirmed)
    latencies = []
    for c in clients:
        continued = [m for m in c.moves if m[1] in victims and m[2] not in victims]
        if not continued:
            problems.append(f"{c.name} never said it continued on a restarted server")
        for delay, old, new in continued:
            latencies.append(delay)
            print(f"  {c.name}: {old} -> {new} after {delay*1000:.0f} ms")
    if latencies:
        latencies.sort()
        print(f"kill -9 to continuing on a restarted server: min {latencies[0]*1000:.0f} ms, median "
              f"{statistics.median(latencies)*1000:.0f} ms, max {latencies[-1]*1000:.0f} ms")
    finish(problems)


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in ("failover", "restart"):
        sys.exit(__doc__)
    (failover if sys.argv[1] == "failover" else restart)(sys.argv[2:])
