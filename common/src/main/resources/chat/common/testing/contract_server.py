"""A chat server in Python that follows the wire contract (shared/protocol.md), for the Java programs.

Usage: contract_server.py BINDER_PORT [PORT]    (the Binder is on localhost; PORT 0, a free one, by default)

A SimpleXMLRPCServer on localhost with allow_none=True serving the eight procedures, registered with
the Binder as the original server registers them. Unlike the original it follows the contract's
decisions: a unicast is seen by its sender and recipient only (in reads and join histories),
timestamps strictly increase, sends by non-members and unicasts to non-members answer False, reads by
non-members or with a nil room answer [], and receive_messages(user, room) with two arguments reads
from a cursor the server keeps. Rooms empty for longer than ROOM_TTL are removed on the next call.
Prints "Servidor executando na porta N" once it is registered and listening.
"""

import sys
import threading
import time
import xmlrpc.client
from xmlrpc.server import SimpleXMLRPCServer

PROCEDURES = ["register_user", "create_room", "join_room", "send_message", "receive_messages",
              "list_rooms", "list_users", "remove_user"]
JOIN_HISTORY = 50
ROOM_TTL = 300.0
SYSTEM, EVERYONE = "Sistema", "Todos"


class Room:
    def __init__(self, now):
        self.members = []
        self.messages = []
        self.cursors = {}  # username -> how many of self.messages the two-argument read has passed
        self.empty_since = now


def visible_to(username, message):
    return message["type"] == "broadcast" or username in (message["origin"], message["destination"])


class ContractChat:
    """Users, rooms and messages; every public method is one XML-RPC procedure."""

    def __init__(self):
        self._lock = threading.Lock()
        self._users = set()
        self._rooms = {}
        self._last_stamp = 0.0

    def register_user(self, username):
        with self._lock:
            if username in self._users:
                return False
            self._users.add(username)
            return True

    def create_room(self, room):
        with self._lock:
            self._expire_rooms()
            if room in self._rooms:
                return False
            self._rooms[room] = Room(time.time())
            return True

    def join_room(self, username, room):
        with self._lock:
            r = self._room(room)
            if r is None or username not in self._users:
                return None
            if username not in r.members:
                r.members.append(username)
                r.empty_since = None
                self._append(r, "broadcast", SYSTEM, EVERYONE, "%s entrou na sala." % username)
            r.cursors[username] = len(r.messages)
            history = [m for m in r.messages if visible_to(username, m)][-JOIN_HISTORY:]
            return [list(r.members), history]

    def send_message(self, username, room, content, recipient=None):
        with self._lock:
            r = self._room(room)
            if r is None or username not in r.members or (recipient and recipient not in r.members):
                return False
            if recipient:
                self._append(r, "unicast", username, recipient, content)
            else:
                self._append(r, "broadcast", username, EVERYONE, content)
            return True

    def receive_messages(self, username, room, last_timestamp=None):
        with self._lock:
            r = self._room(room)
            if r is None or username not in r.members:
                return []
            if last_timestamp is None:  # two arguments: since this user's last two-argument read
                fresh = r.messages[r.cursors.get(username, len(r.messages)):]
                r.cursors[username] = len(r.messages)
            else:
                fresh = [m for m in r.messages if m["timestamp"] > last_timestamp]
            return [m for m in fresh if visible_to(username, m)]

    def list_rooms(self):
        with self._lock:
            self._expire_rooms()
            return list(self._rooms)

    def list_users(self, room):
        with self._lock:
            r = self._room(room)
            return [] if r is None else list(r.members)

    def remove_user(self, username, room):
        with self._lock:
            r = self._room(room)
            if r is not None and username in r.members:
                r.members.remove(username)
                r.cursors.pop(username, None)
                self._append(r, "broadcast", SYSTEM, EVERYONE, "%s saiu da sala." % username)
                if not r.members:
                    r.empty_since = time.time()
            return None

    def _room(self, room):
        self._expire_rooms()
        return self._rooms.get(room) if isinstance(room, str) else None

    def _append(self, r, kind, origin, destination, content):
        # Strictly increasing, even when the clock has not moved since the previous message.
        stamp = max(time.time(), self._last_stamp + 1e-6)
        self._last_stamp = stamp
        r.messages.append({"type": kind, "origin": origin, "destination": destination,
                           "content": content, "timestamp": stamp})

    def _expire_rooms(self):
        cutoff = time.time() - ROOM_TTL
        for name in [n for n, r in self._rooms.items() if r.empty_since is not None and r.empty_since < cutoff]:
            del self._rooms[name]


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    binder_port = int(argv[1])
    port = int(argv[2]) if len(argv) > 2 else 0
    server = SimpleXMLRPCServer(("localhost", port), allow_none=True)
    chat = ContractChat()
    for name in PROCEDURES:
        server.register_function(getattr(chat, name), name)
    bound = server.server_address[1]
    binder = xmlrpc.client.ServerProxy("http://localhost:%d/" % binder_port)
    for name in PROCEDURES:
        binder.register_procedure(name, "localhost", bound)
    print("Servidor executando na porta %d" % bound, flush=True)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
