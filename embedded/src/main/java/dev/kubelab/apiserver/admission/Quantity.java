package dev.kubelab.apiserver.admission;

import java.math.BigDecimal;

/**
 * A resource.Quantity as far as admission needs it: parse "100m", "1.5", "2Gi", "500M", "1e3" into an exact
 * value to compare and add, and print sums back in a readable canonical-ish form.
 */
record Quantity(BigDecimal value, String text) implements Comparable<Quantity> {

    static final Quantity ZERO = new Quantity(BigDecimal.ZERO, "0");

    static Quantity parse(String s) {
        if (s == null || s.isBlank()) throw new IllegalArgumentException("quantities must match the regular expression "
                + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
        String t = s.trim();
        int i = 0;
        while (i < t.length() && "+-0123456789.".indexOf(t.charAt(i)) >= 0) i++;
        String num = t.substring(0, i), suffix = t.substring(i);
        BigDecimal base;
        try {
            base = new BigDecimal(num);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("quantities must match the regular expression "
                    + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
        }
        BigDecimal mult = switch (suffix) {
            case "" -> BigDecimal.ONE;
            case "n" -> new BigDecimal("1e-9");
            case "u" -> new BigDecimal("1e-6");
            case "m" -> new BigDecimal("1e-3");
            case "k" -> new BigDecimal("1e3");
            case "M" -> new BigDecimal("1e6");
            case "G" -> new BigDecimal("1e9");
            case "T" -> new BigDecimal("1e12");
            case "P" -> new BigDecimal("1e15");
            case "E" -> new BigDecimal("1e18");
            case "Ki" -> BigDecimal.valueOf(1L << 10);
            case "Mi" -> BigDecimal.valueOf(1L << 20);
            case "Gi" -> BigDecimal.valueOf(1L << 30);
            case "Ti" -> BigDecimal.valueOf(1L << 40);
            case "Pi" -> BigDecimal.valueOf(1L << 50);
            case "Ei" -> BigDecimal.valueOf(1L << 60);
            default -> {
                if (suffix.matches("[eE][-+]?[0-9]+")) yield BigDecimal.ONE.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
                throw new IllegalArgumentException("unable to parse quantity's suffix");
            }
        };
        return new Quantity(base.multiply(mult), t);
    }

    Quantity plus(Quantity other) {
        BigDecimal sum = value.add(other.value);
        return new Quantity(sum, format(sum, text.endsWith("i") || other.text.endsWith("i")));
    }

    /** Like Quantity.String(): millis for fractions, binary suffixes when the inputs used them. */
    static String format(BigDecimal v, boolean binary) {
        if (v.signum() == 0) return "0";
        if (v.stripTrailingZeros().scale() > 0) {
            return v.multiply(BigDecimal.valueOf(1000)).stripTrailingZeros().toPlainString() + "m";
        }
        if (binary) {
            String[] suffixes = {"Ei", "Pi", "Ti", "Gi", "Mi", "Ki"};
            int[] shifts = {60, 50, 40, 30, 20, 10};
            for (int k = 0; k < suffixes.length; k++) {
                BigDecimal unit = new BigDecimal(java.math.BigInteger.ONE.shiftLeft(shifts[k]));
                if (v.remainder(unit).signum() == 0) return v.divide(unit).toBigInteger() + suffixes[k];
            }
        }
        return v.stripTrailingZeros().toPlainString();
    }

    @Override
    public int compareTo(Quantity o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return text;
    }
}
