"""Makes the calls the original Python chat client makes, against a chat server found through a Binder.

Usage: original_client_calls.py BINDER_HOST BINDER_PORT SCENARIO [SERVER_HOST SERVER_PORT]

Scenarios: session, private, timestamps, refusals, cursor, binder (the last one needs the server's
expected address). Every chat call is made the way the original client makes it: the server is looked
up in the Binder (a ServerProxy without allow_none, as the original's) right before the call, then
called through a new ServerProxy(..., allow_none=True) on path /.

Prints one JSON line per check, ASCII only:
    {"check": NAME, "ok": true|false, "detail": ...}
then {"done": SCENARIO, "checks": N, "failed": M}. Exits 0 when every check held, 1 when one failed,
2 on an unexpected error (the traceback goes to stderr).
"""

import json
import sys
import time
import traceback
import xmlrpc.client

MESSAGE_MEMBERS = {"type", "origin", "destination", "content", "timestamp"}


class Checks:
    """Prints each check as a JSON line and counts the failures."""

    def __init__(self):
        self.count = 0
        self.failed = 0

    def expect(self, name, condition, detail=None):
        self.count += 1
        if not condition:
            self.failed += 1
        line = {"check": name, "ok": bool(condition), "detail": repr(detail)}
        print(json.dumps(line, ensure_ascii=True), flush=True)


class RecordingTransport(xmlrpc.client.Transport):
    """The standard transport; it also keeps the last request body, so a check can read the wire."""

    def __init__(self):
        super().__init__()
        self.last_request = b""

    def send_content(self, connection, request_body):
        self.last_request = request_body
        super().send_content(connection, request_body)


class OriginalStyleClient:
    """Reaches the chat server as the original client does: a Binder lookup before every call."""

    def __init__(self, binder_host, binder_port):
        self.binder_address = "%s:%s" % (binder_host, binder_port)
        self.binder = xmlrpc.client.ServerProxy("http://%s/" % self.binder_address)

    def server(self, procedure, transport=None):
        info = self.binder.lookup_procedure(procedure)
        if not info:
            raise LookupError("the Binder knows no server for %r" % procedure)
        address, port = info
        return xmlrpc.client.ServerProxy("http://%s:%s/" % (address, port), allow_none=True,
                                         transport=transport)

    def call(self, procedure, *args):
        return getattr(self.server(procedure), procedure)(*args)


def is_message(value):
    """Whether value is a Message struct with exactly the contract's members and types."""
    return (isinstance(value, dict) and set(value) == MESSAGE_MEMBERS
            and value["type"] in ("broadcast", "unicast")
            and all(isinstance(value[k], str) for k in ("origin", "destination", "content"))
            and isinstance(value["timestamp"], float))


def contents(messages):
    return [m["content"] for m in messages]


def newest_timestamp(messages):
    return max(m["timestamp"] for m in messages)


def session(chat, checks, _args):
    """One user's whole session as the original client plays it, with accents and emoji."""
    joao, maria, room = "João", "Maria", "ação"
    greeting, reply = "olá 😀🎉", "ação é comigo, João 👍"

    checks.expect("register_user_accented", chat.call("register_user", joao) is True)
    checks.expect("register_user_taken", chat.call("register_user", joao) is False)
    checks.expect("create_room_accented", chat.call("create_room", room) is True)
    checks.expect("create_room_taken", chat.call("create_room", room) is False)
    rooms = chat.call("list_rooms")
    checks.expect("list_rooms_has_room", isinstance(rooms, list) and room in rooms, rooms)

    users, history = chat.call("join_room", joao, room)
    checks.expect("join_room_members", users == [joao], users)
    checks.expect("join_room_history_is_messages", len(history) > 0 and all(is_message(m) for m in history),
                  history)
    notice = history[-1]
    checks.expect("join_room_announces",
                  (notice["type"], notice["origin"], notice["destination"], notice["content"])
                  == ("broadcast", "Sistema", "Todos", "João entrou na sala."), notice)
    joao_seen = newest_timestamp(history)

    chat.call("register_user", maria)
    users, history = chat.call("join_room", maria, room)
    checks.expect("second_join_members", users == [joao, maria], users)
    maria_seen = newest_timestamp(history)

    recorder = RecordingTransport()
    sent = chat.server("send_message", transport=recorder).send_message(joao, room, greeting, None)
    checks.expect("broadcast_with_nil_recipient", sent is True, sent)
    checks.expect("nil_recipient_is_bare_nil_on_the_wire",
                  recorder.last_request.count(b"<value><nil/></value>") == 1, recorder.last_request)
    checks.expect("emoji_is_utf8_on_the_wire", greeting.encode("utf-8") in recorder.last_request,
                  recorder.last_request)

    fresh = chat.call("receive_messages", maria, room, maria_seen)
    checks.expect("receive_messages_float_cursor", all(is_message(m) for m in fresh) and contents(fresh) == [greeting],
                  fresh)
    if fresh:
        message = fresh[0]
        checks.expect("broadcast_fields",
                      (message["type"], message["origin"], message["destination"])
                      == ("broadcast", joao, "Todos") and message["timestamp"] > maria_seen, message)
        maria_seen = message["timestamp"]

    sent = chat.call("send_message", maria, room, reply, joao)
    checks.expect("unicast_with_recipient", sent is True, sent)
    fresh = chat.call("receive_messages", joao, room, joao_seen)
    checks.expect("receive_own_and_private", contents(fresh) == ["Maria entrou na sala.", greeting, reply], fresh)
    if len(fresh) == 3:
        checks.expect("unicast_fields", (fresh[2]["type"], fresh[2]["origin"], fresh[2]["destination"])
                      == ("unicast", maria, joao), fresh[2])
        joao_seen = fresh[2]["timestamp"]

    users = chat.call("list_users", room)
    checks.expect("list_users", users == [joao, maria], users)
    checks.expect("remove_user_answers_nil", chat.call("remove_user", maria, room) is None)
    users = chat.call("list_users", room)
    checks.expect("list_users_after_leaving", users == [joao], users)
    # The original client forgets its room when it leaves, but its polling thread goes on with None.
    after = chat.call("receive_messages", maria, None, maria_seen)
    checks.expect("receive_with_nil_room_after_leaving", after == [], after)
    fresh = chat.call("receive_messages", joao, room, joao_seen)
    checks.expect("leave_is_announced", contents(fresh) == ["Maria saiu da sala."], fresh)


def private(chat, checks, _args):
    """A private message is seen by its sender and recipient only, in reads and in join histories."""
    ana, bruno, carla, davi = "Ana", "Bruno", "Carla", "Davi"
    room, secret, public = "reservada", "só para você, Bruno 🤫", "bom dia, sala ☀️"
    for user in (ana, bruno, carla, davi):
        chat.call("register_user", user)
    chat.call("create_room", room)
    for user in (ana, bruno, carla):
        chat.call("join_room", user, room)

    checks.expect("unicast_accepted", chat.call("send_message", ana, room, secret, bruno) is True)
    checks.expect("broadcast_accepted", chat.call("send_message", ana, room, public, None) is True)

    def read(user):
        return contents(chat.call("receive_messages", user, room, 0.0))

    def history(user):
        return contents(chat.call("join_room", user, room)[1])

    checks.expect("sender_reads_unicast", secret in read(ana))
    checks.expect("recipient_reads_unicast", secret in read(bruno))
    seen = read(carla)
    checks.expect("third_member_reads_broadcast_only", public in seen and secret not in seen, seen)
    seen = history(davi)
    checks.expect("new_joiner_history_has_no_unicast", public in seen and secret not in seen, seen)
    seen = history(carla)
    checks.expect("third_member_history_has_no_unicast", public in seen and secret not in seen, seen)
    checks.expect("sender_history_has_unicast", secret in history(ana))
    checks.expect("recipient_history_has_unicast", secret in history(bruno))

    # The 50 messages of a join history are counted after leaving out what the joiner may not see.
    sender = chat.server("send_message")
    for i in range(60):
        sender.send_message(ana, room, "cochicho %d" % i, bruno)
    seen = history(carla)
    checks.expect("history_is_counted_after_filtering",
                  public in seen and not any(c.startswith("cochicho") for c in seen), seen)
    seen = history(bruno)
    checks.expect("history_holds_fifty", len(seen) == 50 and seen[-1] == "cochicho 59", seen)


def timestamps(chat, checks, _args):
    """Messages sent back to back get strictly increasing stamps, so a '>' cursor never skips one."""
    writer, reader, room = "Escreve", "Lê", "rápida"
    count = 40
    for user in (writer, reader):
        chat.call("register_user", user)
    chat.call("create_room", room)
    for user in (writer, reader):
        chat.call("join_room", user, room)
    started = time.time()
    # One proxy for many calls on one kept-alive connection, like the original's polling thread.
    sender = chat.server("send_message")
    for i in range(count):
        sender.send_message(writer, room, "mensagem %d ✓" % i, None)

    messages = chat.call("receive_messages", reader, room, 0.0)
    stamps = [m["timestamp"] for m in messages]
    checks.expect("all_arrive_in_order",
                  [c for c in contents(messages) if c.startswith("mensagem")]
                  == ["mensagem %d ✓" % i for i in range(count)], contents(messages))
    checks.expect("timestamps_are_doubles", all(isinstance(t, float) for t in stamps), stamps)
    checks.expect("timestamps_strictly_increase", all(a < b for a, b in zip(stamps, stamps[1:])), stamps)
    checks.expect("timestamps_are_epoch_seconds", all(abs(t - started) < 600 for t in stamps), stamps)

    poller = chat.server("receive_messages")
    skipped = [i for i, m in enumerate(messages)
               if poller.receive_messages(reader, room, m["timestamp"]) != messages[i + 1:]]
    checks.expect("cursor_at_each_stamp_returns_the_rest", not skipped, skipped)


def refusals(chat, checks, _args):
    """Refusals keep the original's shapes: False, [] or nil, never a fault."""
    member, outsider, room = "Membro", "Forasteiro", "fechada"
    chat.call("register_user", member)
    chat.call("register_user", outsider)
    chat.call("create_room", room)
    chat.call("join_room", member, room)

    refused = {
        "send_by_non_member_is_false": (outsider, room, "entrei sem convite", None),
        "send_by_unregistered_is_false": ("Fantasma", room, "boo 👻", None),
        "unicast_to_non_member_is_false": (member, room, "psiu, forasteiro", outsider),
        "unicast_to_unknown_name_is_false": (member, room, "psiu, ninguém", "Ninguém"),
        "send_to_unknown_room_is_false": (member, "inexistente", "alô?", None),
    }
    for name, args in refused.items():
        answer = chat.call("send_message", *args)
        checks.expect(name, answer is False, answer)
    stored = contents(chat.call("receive_messages", member, room, 0.0))
    checks.expect("refused_messages_are_not_stored",
                  not any(args[2] in stored for args in refused.values()), stored)

    answer = chat.call("receive_messages", outsider, room, 0.0)
    checks.expect("read_by_non_member_is_empty", answer == [], answer)
    answer = chat.call("receive_messages", member, None, 0.0)
    checks.expect("read_with_nil_room_is_empty", answer == [], answer)
    answer = chat.call("receive_messages", member, "inexistente", 0.0)
    checks.expect("read_of_unknown_room_is_empty", answer == [], answer)
    answer = chat.call("join_room", member, "inexistente")
    checks.expect("join_unknown_room_is_nil", answer is None, answer)
    answer = chat.call("join_room", "Fantasma", room)
    checks.expect("join_by_unregistered_is_nil", answer is None, answer)
    answer = chat.call("list_users", "inexistente")
    checks.expect("list_users_of_unknown_room_is_empty", answer == [], answer)


def cursor(chat, checks, _args):
    """receive_messages(user, room) with two arguments reads from a cursor the server keeps."""
    reader, writer, room = "Leitor", "Escritor", "cursor"
    chat.call("register_user", reader)
    chat.call("register_user", writer)
    chat.call("create_room", room)
    chat.call("join_room", reader, room)
    chat.call("join_room", writer, room)

    answer = chat.call("receive_messages", reader, room)
    checks.expect("starts_after_join_history", contents(answer) == ["Escritor entrou na sala."], answer)
    answer = chat.call("receive_messages", reader, room)
    checks.expect("nothing_new_is_empty", answer == [], answer)
    chat.call("send_message", writer, room, "primeira ①", None)
    answer = chat.call("receive_messages", reader, room)
    checks.expect("returns_what_arrived", contents(answer) == ["primeira ①"] and all(map(is_message, answer)),
                  answer)
    chat.call("send_message", writer, room, "segunda ②", None)
    chat.call("send_message", writer, room, "terceira ③", reader)
    everything = chat.call("receive_messages", reader, room, 0.0)
    checks.expect("three_argument_form_still_works", contents(everything)[-3:]
                  == ["primeira ①", "segunda ②", "terceira ③"], everything)
    answer = chat.call("receive_messages", reader, room)
    checks.expect("three_argument_form_leaves_cursor", contents(answer) == ["segunda ②", "terceira ③"], answer)
    answer = chat.call("receive_messages", reader, room)
    checks.expect("cursor_moved", answer == [], answer)


def binder(chat, checks, args):
    """The Java Binder as the original client sees it: nil for unknown names, /RPC2, one server of a name per caller."""
    server_host, server_port = args[0], int(args[1])
    answer = chat.binder.lookup_procedure("no_such_procedure")
    checks.expect("unknown_lookup_is_nil", answer is None, answer)
    procedures = ["register_user", "create_room", "join_room", "send_message", "receive_messages",
                  "list_rooms", "list_users", "remove_user"]
    found = {p: chat.binder.lookup_procedure(p) for p in procedures}
    checks.expect("every_procedure_registered",
                  all(v == [server_host, server_port] for v in found.values()), found)

    # Both registrations are kept; one caller is given one of them every time (a client that looks the
    # server up before every call stays with one server). Both endpoints are live (this server and the
    # Binder itself), so the Binder's liveness probe keeps showing them however slow the machine is.
    binder_host, binder_port = chat.binder_address.rsplit(":", 1)
    checks.expect("register_procedure_is_true",
                  chat.binder.register_procedure("outro_procedimento", server_host, server_port) is True)
    chat.binder.register_procedure("outro_procedimento", binder_host, int(binder_port))
    answers = {tuple(chat.binder.lookup_procedure("outro_procedimento")) for _ in range(4)}
    every = {tuple(e) for e in chat.binder.lookup_endpoints("outro_procedimento")}
    both = {(server_host, server_port), (binder_host, int(binder_port))}
    checks.expect("one_server_per_caller_every_registration_kept",
                  len(answers) == 1 and answers <= both and every == both, (answers, every))

    rpc2_binder = xmlrpc.client.ServerProxy("http://%s/RPC2" % chat.binder_address)
    answer = rpc2_binder.lookup_procedure("list_rooms")
    checks.expect("binder_answers_on_rpc2", answer == [server_host, server_port], answer)
    rpc2_server = xmlrpc.client.ServerProxy("http://%s:%d/RPC2" % (server_host, server_port), allow_none=True)
    checks.expect("server_answers_on_rpc2",
                  rpc2_server.register_user("Rota Dois") is True and isinstance(rpc2_server.list_rooms(), list))


SCENARIOS = {f.__name__: f for f in (session, private, timestamps, refusals, cursor, binder)}


def main(argv):
    if len(argv) < 4 or argv[3] not in SCENARIOS:
        sys.stderr.write(__doc__)
        return 2
    chat = OriginalStyleClient(argv[1], argv[2])
    checks = Checks()
    try:
        SCENARIOS[argv[3]](chat, checks, argv[4:])
    except Exception:  # the Java test shows stderr; a Fault or a broken shape must not look like a pass
        traceback.print_exc()
        print(json.dumps({"error": argv[3], "checks": checks.count}), flush=True)
        return 2
    print(json.dumps({"done": argv[3], "checks": checks.count, "failed": checks.failed}), flush=True)
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
