"""A Binder that behaves as the original Python one does, for the Java programs to talk to.

Usage: contract_binder.py [PORT]    (default 0: a free port)

Like the original: a single-threaded SimpleXMLRPCServer on localhost WITHOUT allow_none, so looking
up a name nobody registered answers with a Fault (it cannot send nil); a second registration of a
name replaces the first; nothing expires. Prints "Binder executando na porta N" once it listens.
"""

import sys
from xmlrpc.server import SimpleXMLRPCServer


def main(argv):
    port = int(argv[1]) if len(argv) > 1 else 0
    registry = {}

    def register_procedure(name, address, port):
        registry[name] = (address, port)
        return True

    def lookup_procedure(name):
        return registry.get(name)  # None for an unknown name: marshalled as a Fault, as in the original

    server = SimpleXMLRPCServer(("localhost", port), allow_none=False)
    server.register_function(register_procedure, "register_procedure")
    server.register_function(lookup_procedure, "lookup_procedure")
    print("Binder executando na porta %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv)
