/**
 * What tests of the chat need beside a test framework: {@link chat.common.testing.Await}, which waits for a
 * condition with a deadline instead of sleeping, {@link chat.common.testing.ManualClock}, a clock a test moves, and
 * {@link chat.common.testing.PythonCommand}, which finds python3 for the tests against the Python originals. In
 * main code so that every module's tests and the test kit share them (a module's tests cannot use the test kit,
 * which depends on every module).
 */
package chat.common.testing;
