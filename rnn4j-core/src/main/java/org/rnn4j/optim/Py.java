package org.rnn4j.optim;

import java.math.BigDecimal;

/**
 * Python's {@code repr(float)}, so that error messages read exactly like PyTorch's (also used by
 * the schedulers of {@code org.rnn4j.optim.lr}).
 */
public final class Py {
    private Py() {
    }

    /** {@code repr(v)} for a Python float: {@code 0.001}, {@code 1e-08}, {@code -1.0}, {@code nan}, {@code inf}. */
    public static String repr(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return 1 / v < 0 ? "-0.0" : "0.0";
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int exp = digits.length() - 1 - bd.scale(); // decimal exponent of the first digit
        StringBuilder sb = new StringBuilder(v < 0 ? "-" : "");
        if (exp < -4 || exp >= 16) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) sb.append('.').append(digits, 1, digits.length());
            sb.append('e').append(exp < 0 ? '-' : '+');
            int a = Math.abs(exp);
            if (a < 10) sb.append('0');
            sb.append(a);
        } else if (exp >= 0) {
            if (digits.length() <= exp + 1) {
                sb.append(digits).append("0".repeat(exp + 1 - digits.length())).append(".0");
            } else {
                sb.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, digits.length());
            }
        } else {
            sb.append("0.").append("0".repeat(-exp - 1)).append(digits);
        }
        return sb.toString();
    }
}
