package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.KeptPlace;
import chat.server.persist.DatabaseProblem;
import chat.server.persist.Persistence;
import chat.server.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a joining server keeps the chat, agreed with where its cluster keeps it. */
class ClusterKeepingTest {
    private static final String HERE = "0123456789abcdef";
    private static final String ELSEWHERE = "fedcba9876543210";
    private static final String URL = "jdbc:postgresql://db:5432/chat?user=chat";

    @TempDir
    Path dir;

    private Path mine() {
        return dir.resolve("mine").resolve("chat-localhost-5000.db");
    }

    private Path theirs() throws Exception {
        Path file = dir.resolve("theirs").resolve("chat-localhost-5000.db");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "");
        return file;
    }

    private Persistence mineDirectory() {
        return new Persistence.DataDirectory(mine().getParent());
    }

    @Test
    void aServerThatWouldKeepTheChatWhereItsClusterDoesGoesOnAsItIs() throws Exception {
        Files.createDirectories(mine().getParent());
        try (LogCapture log = LogCapture.start()) {
            assertEquals(mine(), ClusterKeeping.agree(mineDirectory(), mine(),
                    KeptPlace.file(HERE, mine().toString()), HERE));
            assertNull(ClusterKeeping.agree(new Persistence.Database(URL), null, KeptPlace.database(URL), HERE));
            assertNull(ClusterKeeping.agree(Persistence.MEMORY_ONLY, null, KeptPlace.MEMORY_ONLY, HERE));
            assertEquals("", log.text());
        }
    }

    @Test
    void aServerWithAnotherFileOnThisMachineKeepsTheChatInTheClustersFileAndSaysSo() throws Exception {
        Path theirs = theirs();
        try (LogCapture log = LogCapture.start()) {
            assertEquals(theirs, ClusterKeeping.agree(mineDirectory(), mine(),
                    KeptPlace.file(HERE, theirs.toString()), HERE));
            assertEquals(1, log.count("INFO chat.server.ClusterKeeping - the other servers of this chat keep it in"
                    + " the file " + theirs + ": this server keeps it there too, not in " + mine()), log.text());
            assertEquals(java.util.List.of(), log.problems());
        }
        assertTrue(Files.notExists(mine().getParent()), "nothing is made where this server would have kept it");
    }

    @Test
    void theSameFileByAnotherPathIsTheSameFile() throws Exception {
        Path theirs = theirs();
        Path link = dir.resolve("link");
        Files.createSymbolicLink(link, theirs.getParent());
        Path viaLink = link.resolve(theirs.getFileName());
        try (LogCapture log = LogCapture.start()) {
            assertEquals(viaLink, ClusterKeeping.agree(new Persistence.DataDirectory(link), viaLink,
                    KeptPlace.file(HERE, theirs.toString()), HERE));
            assertEquals("", log.text());
        }
    }

    @Test
    void filesOnOtherMachinesEachKeepAPieceAndTheServerSaysSoOnceAtWarn() throws Exception {
        Path theirs = theirs();
        for (KeptPlace other : new KeptPlace[] {KeptPlace.file(ELSEWHERE, theirs.toString()),
                KeptPlace.file(HERE, dir.resolve("not-on-this-machine.db").toString())}) {
            try (LogCapture log = LogCapture.start()) {
                assertEquals(mine(), ClusterKeeping.agree(mineDirectory(), mine(), other, HERE));
                assertEquals(1, log.problems().size(), log.text());
                assertTrue(log.problems().get(0).contains("WARN chat.server.ClusterKeeping - the other servers of"
                        + " this chat keep it in " + other.label() + " on other machines, and this server keeps its"
                        + " share in " + mine() + ": started again from one machine's file, the chat misses what"
                        + " the others hold. Give every server the same --database"), log.text());
            }
        }
    }

    @Test
    void everyOtherDisagreementRefusesTheStartSayingWhatToGive() throws Exception {
        Path theirs = theirs();
        KeptPlace theirFile = KeptPlace.file(HERE, theirs.toString());
        assertEquals("the other servers of this chat keep it in the file " + theirs + ", and this one would keep it"
                + " in memory only: start it with neither --memory-only nor --database (or give every server the"
                + " same --database)", refusal(Persistence.MEMORY_ONLY, null, theirFile));
        assertEquals("the other servers of this chat keep it in the file " + theirs + " on another machine, and this"
                + " one would keep it in the database " + URL + ": start it with neither --memory-only nor"
                + " --database (or give every server the same --database)",
                refusal(new Persistence.Database(URL), null, KeptPlace.file(ELSEWHERE, theirs.toString())));
        assertEquals("the other servers of this chat keep it in the database " + URL + ", and this one would keep it"
                + " in the file " + mine() + ": give it the same --database (one chat is kept in one place)",
                refusal(mineDirectory(), mine(), KeptPlace.database(URL)));
        assertEquals("the other servers of this chat keep it in the database " + URL + ", and this one would keep it"
                + " in the database jdbc:postgresql://db:5432/other?user=chat&password=(hidden): give it the same"
                + " --database (one chat is kept in one place)", refusal(new Persistence.Database(
                "jdbc:postgresql://db:5432/other?user=chat&password=secret"), null, KeptPlace.database(URL)));
        assertEquals("the other servers of this chat keep it in memory only, and this one would keep it in the file "
                + mine() + ": start it with --memory-only too, or stop them and start every server keeping the chat",
                refusal(mineDirectory(), mine(), KeptPlace.MEMORY_ONLY));
        assertTrue(Files.notExists(mine().getParent()), "a refused server makes nothing");
    }

    private static String refusal(Persistence mine, Path file, KeptPlace theirs) {
        return assertThrows(DatabaseProblem.class, () -> ClusterKeeping.agree(mine, file, theirs, HERE)).getMessage();
    }

    @Test
    void theServersPlaceNamesItsFileAbsolutelyAndHidesADatabasePassword() {
        assertEquals(KeptPlace.file(HERE, mine().toString()),
                ClusterKeeping.place(mineDirectory(), dir.resolve("mine/../mine/chat-localhost-5000.db"), HERE));
        assertEquals(KeptPlace.database("jdbc:postgresql://db/chat?user=chat&password=(hidden)"),
                ClusterKeeping.place(new Persistence.Database("jdbc:postgresql://db/chat?user=chat&password=s3"),
                        null, HERE));
        assertEquals(KeptPlace.MEMORY_ONLY, ClusterKeeping.place(Persistence.MEMORY_ONLY, null, HERE));
    }

    @Test
    void thisMachineIsOneNameThatDoesNotShowItsId() throws Exception {
        String machine = ClusterKeeping.thisMachine();
        assertTrue(machine.matches("[0-9a-f]{16}"), machine);
        assertEquals(machine, ClusterKeeping.thisMachine());
        Path id = Path.of("/etc/machine-id");
        if (Files.isReadable(id)) {
            assertTrue(!Files.readString(id).contains(machine), "the id itself is not shown");
        }
    }
}
