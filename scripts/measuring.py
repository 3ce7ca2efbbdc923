"""What the measuring scripts share: starting the Java programs and reading their start line, free ports, and
stopping at the end everything they started."""
import re
import socket
import subprocess
import sys
import time


class Programs:
    """The programs a measurement starts, each stopped by stop_all (terminated, then killed after 15 s)."""

    def __init__(self, java):
        self.java = java
        self.started = []

    def start(self, args, pattern):
        """Runs java ARGS; returns the process and the first group of PATTERN in its first line matching it."""
        process = subprocess.Popen([self.java] + args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.started.append(process)
        deadline = time.monotonic() + 60
        for line in process.stdout:
            match = re.search(pattern, line)
            if match:
                return process, int(match.group(1))
            if time.monotonic() > deadline:
                break
        sys.exit("did not start: " + " ".join(args))

    def run(self, args):
        """Starts java ARGS, its output to read; stopped with the others."""
        process = subprocess.Popen([self.java] + args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.started.append(process)
        return process

    def stop_all(self):
        for process in reversed(self.started):
            if process.poll() is None:
                process.terminate()
        for process in self.started:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def free_port():
    """A port no program listens on now."""
    with socket.socket() as s:
        s.bind(("localhost", 0))
        return s.getsockname()[1]
