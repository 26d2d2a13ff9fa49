package org.rnn4j.tensor.cpu.gemm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Kernel choices that were measured to go opposite ways on different CPUs, made once when the
 * first kernel runs. None of them changes a result: each choice is between two ways of computing
 * the same fma chains.
 *
 * <p>{@link #packsScanRows}: whether a persistent scan's per-step product packs the rows of h[s]
 * ({@link PackedRhs}) or reads them in place. On the AMD Zen 5 machine the kernels were first
 * tuned on, reading in place was faster (lstm-small training 4%). On an Intel Xeon (Sapphire
 * Rapids class) the 8-row tile reading eight rows in place ran 7-30% slower than on a packed
 * panel (rows 16, k 256, n 1024: 60.8 against 71.8 GFLOP/s, the two alternating in one JVM), and
 * the forward of a charlm-shaped stack (E 64, H 256, 2 layers, T 128), alternating step by step
 * in one JVM, medians of 24: 77 -> 71 ms at batch 32, 149 -> 136 ms at batch 64. So: packed on
 * Intel, in place elsewhere, unless {@code -Drnn4j.gemm.packScanRows=true|false} says otherwise.
 */
public final class CpuTuning {
    /** The CPU vendor string ({@code GenuineIntel}, {@code AuthenticAMD}, ...), or "" where unknown. */
    public static final String VENDOR = vendor(Path.of("/proc/cpuinfo"));

    /** Whether {@link PackedRhs} packs its left operand rather than reading it in place. */
    private static final boolean PACK_SCAN_ROWS = packScanRows(System.getProperty("rnn4j.gemm.packScanRows"), VENDOR);

    private CpuTuning() {}

    /** Whether scans pack the rows of h (see the class comment). */
    public static boolean packsScanRows() {
        return PACK_SCAN_ROWS;
    }

    /** The property's value when it is "true" or "false", else the vendor's default. */
    static boolean packScanRows(String property, String vendor) {
        if (property != null) {
            String v = property.trim().toLowerCase(Locale.ROOT);
            if (v.equals("true") || v.equals("false")) return v.equals("true");
            System.err.println("rnn4j: ignoring -Drnn4j.gemm.packScanRows=" + property + ": expected true or false");
        }
        return vendor.equals("GenuineIntel");
    }

    /** The first {@code vendor_id} of a Linux cpuinfo file; "" when there is none or it cannot be read. */
    static String vendor(Path cpuinfo) {
        if (!Files.isReadable(cpuinfo)) return "";
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("vendor_id"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("");
        } catch (IOException | RuntimeException e) {
            return "";  // a tuning default must never stop the library from loading
        }
    }
}
