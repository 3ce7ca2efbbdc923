// Run by the main build after this project's tests (chat-testkit's maven-invoker-plugin): says in the main build's
// log how many tests ran, and fails the build when none did. The invoker sends System.out to this project's
// build.log; the main build's own standard output is written to directly.
def log = new File(basedir, 'build.log').text
def results = (log =~ /(?m)^\[INFO\] Tests run: (\d+), Failures: (\d+), Errors: (\d+), Skipped: (\d+)\s*$/)
assert results.find() : 'the example project ran no tests; see ' + new File(basedir, 'build.log')
def (all, run, failures, errors, skipped) = results[0]
def console = new PrintStream(new FileOutputStream(FileDescriptor.out), true, 'UTF-8')
console.println("[INFO] examples/chat-tests: Tests run: ${run}, Failures: ${failures}, Errors: ${errors}, Skipped: ${skipped}")
assert run.toInteger() >= 7 : "the example project ran ${run} tests, expected at least 7"
