package chat.common.rpc.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrologTest {
    private static boolean declares(String document) {
        return Prolog.declaresDoctype(document.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void findsADoctypeAfterTheDeclarationCommentsAndInstructions() {
        assertTrue(declares("<!DOCTYPE methodCall><methodCall/>"));
        assertTrue(declares("<?xml version='1.0'?>\n<!DOCTYPE methodCall [<!ENTITY % r SYSTEM 'http://x/'> %r;]>"));
        assertTrue(declares("\uFEFF<?xml version=\"1.0\"?><!-- a <!DOCTYPE in a comment --><?pi x?>\n <!DOCTYPE m>"));
    }

    @Test
    void looksNoFurtherThanTheFirstElement() {
        assertFalse(declares("<?xml version='1.0'?>\n<methodCall><![CDATA[<!DOCTYPE x>]]></methodCall>"));
        assertFalse(declares("<?xml version='1.0'?><!-- <!DOCTYPE x> --><methodCall/>"));
        assertFalse(declares(""));
        assertFalse(declares("<?xml version='1.0'"));
        assertFalse(declares("<!-- never closed <!DOCTYPE"));
        assertFalse(declares("not xml <!DOCTYPE x>"));
    }
}
