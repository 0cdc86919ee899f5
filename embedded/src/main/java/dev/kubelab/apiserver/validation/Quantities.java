package dev.kubelab.apiserver.validation;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * resource.Quantity parsing ("500m", "1Gi", "2e3"), enough to compare requests with limits and to reject what
 * kube-apiserver's decoder rejects with the same message.
 */
public final class Quantities {

    /** The message kube-apiserver's decoder gives for an unparseable quantity. */
    public static final String FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    private static final Pattern QUANTITY = Pattern.compile("^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$");

    private Quantities() {}

    public static Optional<BigDecimal> parse(String s) {
        Matcher m = QUANTITY.matcher(s);
        if (!m.matches()) return Optional.empty();
        BigDecimal number;
        try {
            number = new BigDecimal(m.group(1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String suffix = m.group(2);
        BigDecimal factor;
        switch (suffix) {
            case "" -> factor = BigDecimal.ONE;
            case "n" -> factor = new BigDecimal("1e-9");
            case "u" -> factor = new BigDecimal("1e-6");
            case "m" -> factor = new BigDecimal("1e-3");
            case "k" -> factor = new BigDecimal("1e3");
            case "M" -> factor = new BigDecimal("1e6");
            case "G" -> factor = new BigDecimal("1e9");
            case "T" -> factor = new BigDecimal("1e12");
            case "P" -> factor = new BigDecimal("1e15");
            case "E" -> factor = new BigDecimal("1e18");
            case "Ki" -> factor = BigDecimal.valueOf(1L << 10);
            case "Mi" -> factor = BigDecimal.valueOf(1L << 20);
            case "Gi" -> factor = BigDecimal.valueOf(1L << 30);
            case "Ti" -> factor = BigDecimal.valueOf(1L << 40);
            case "Pi" -> factor = BigDecimal.valueOf(1L << 50);
            case "Ei" -> factor = BigDecimal.valueOf(1L << 60);
            default -> {
                if (!suffix.matches("[eE][-+]?[0-9]+")) return Optional.empty();
                factor = BigDecimal.ONE.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1).replace("+", "")));
            }
        }
        return Optional.of(number.multiply(factor));
    }

    public static boolean isValid(String s) {
        return parse(s).isPresent();
    }
}
