package org.rnn4j.tensor.cpu.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-CPU kernel choices: the vendor as /proc/cpuinfo gives it, and the property that overrides it. */
class CpuTuningTest {
    @TempDir
    Path dir;

    @Test
    void theVendorIsTheFirstVendorIdLine() throws IOException {
        Path f = dir.resolve("cpuinfo");
        Files.writeString(f, "processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 26\n\n"
                + "processor\t: 1\nvendor_id\t: GenuineIntel\n");
        assertEquals("AuthenticAMD", CpuTuning.vendor(f));
    }

    @Test
    void noFileOrNoVendorLineIsUnknown() throws IOException {
        assertEquals("", CpuTuning.vendor(dir.resolve("missing")));
        Path f = dir.resolve("cpuinfo");
        Files.writeString(f, "processor\t: 0\nmodel name\t: something\n");
        assertEquals("", CpuTuning.vendor(f));
    }

    @Test
    void scansPackTheirRowsOnIntelOnlyUnlessTheProperty() {
        assertTrue(CpuTuning.packScanRows(null, "GenuineIntel"));
        assertFalse(CpuTuning.packScanRows(null, "AuthenticAMD"));
        assertFalse(CpuTuning.packScanRows(null, ""));
        assertFalse(CpuTuning.packScanRows("false", "GenuineIntel"));
        assertTrue(CpuTuning.packScanRows(" TRUE ", "AuthenticAMD"));
        assertTrue(CpuTuning.packScanRows("maybe", "GenuineIntel"), "a bad value falls back to the vendor's default");
    }
}
