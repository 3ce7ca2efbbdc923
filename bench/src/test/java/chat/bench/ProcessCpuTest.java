package chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The CPU time read from /proc: of this very process, whose JIT compiler has compiled something by now. */
@EnabledOnOs(OS.LINUX)
class ProcessCpuTest {
    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void theCompilersPartIsPartOfTheWhole() throws IOException {
        busy();
        CpuTime self = ProcessCpu.of(SELF);
        assertTrue(self.seconds() > 0, "this test's own process has used CPU");
        assertTrue(self.jitSeconds() >= 0 && self.jitSeconds() <= self.seconds(), self.toString());
        assertEquals(ProcessCpu.seconds(SELF), self.seconds(), 0.5, "the same total as the process's own line");
    }

    @Test
    void severalProcessesAddUpAndNoneIsUnknown() throws IOException {
        CpuTime once = ProcessCpu.of(List.of(SELF));
        CpuTime twice = ProcessCpu.of(List.of(SELF, SELF));
        assertTrue(twice.seconds() >= 2 * once.seconds() - 0.05, once + " twice is " + twice);
        assertTrue(Double.isNaN(ProcessCpu.of(List.of()).seconds()));
        CpuTime later = ProcessCpu.of(SELF);
        CpuTime used = later.since(once);
        assertTrue(used.seconds() >= 0 && used.jitSeconds() >= 0, used.toString());
    }

    /** Some work for the compiler, so its threads have something to show. */
    private static void busy() {
        long sum = 0;
        for (int i = 0; i < 50_000_000; i++) {
            sum += Integer.toString(i & 1023).length();
        }
        assertTrue(sum > 0);
    }
}
