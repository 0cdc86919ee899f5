package dev.kubelab.apiserver.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The string validators of k8s.io/apimachinery/pkg/util/validation (IsDNS1123Label, IsDNS1123Subdomain,
 * IsDNS1035Label, IsQualifiedName, IsValidLabelValue, IsValidPortNum, IsValidPortName, …), returning the same
 * messages. Each returns an empty list when valid.
 */
public final class NameValidation {

    private NameValidation() {}

    public static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    public static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
    public static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
    private static final String QUALIFIED_NAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    private static final Pattern DNS1123_LABEL = Pattern.compile(DNS1123_LABEL_FMT);
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN_FMT);
    private static final Pattern DNS1035_LABEL = Pattern.compile(DNS1035_LABEL_FMT);
    private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FMT);
    private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);
    private static final Pattern IANA_SVC_NAME_CHARS = Pattern.compile("[-a-z0-9]+");
    private static final Pattern HAS_LETTER = Pattern.compile(".*[a-z].*");
    private static final Pattern C_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern ENV_VAR_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
    private static final Pattern CONFIG_MAP_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    /** apimachinery's RegexError, including its "',  or '" spacing. */
    static String regexError(String msg, String fmt, String... examples) {
        if (examples.length == 0) return msg + " (regex used for validation is '" + fmt + "')";
        StringBuilder sb = new StringBuilder(msg).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            if (i > 0) sb.append(" or ");
            sb.append('\'').append(examples[i]).append("', ");
        }
        return sb.append("regex used for validation is '").append(fmt).append("')").toString();
    }

    static String maxLenError(int n) {
        return "must be no more than " + n + " characters";
    }

    public static List<String> dns1123Label(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 63) errs.add(maxLenError(63));
        if (!DNS1123_LABEL.matcher(value).matches()) {
            errs.add(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
                    DNS1123_LABEL_FMT, "my-name", "123-abc"));
        }
        return errs;
    }

    public static List<String> dns1123Subdomain(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 253) errs.add(maxLenError(253));
        if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
            errs.add(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
                    DNS1123_SUBDOMAIN_FMT, "example.com"));
        }
        return errs;
    }

    public static List<String> dns1035Label(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 63) errs.add(maxLenError(63));
        if (!DNS1035_LABEL.matcher(value).matches()) {
            errs.add(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
                    DNS1035_LABEL_FMT, "my-name", "abc-123"));
        }
        return errs;
    }

    /** IsQualifiedName: label keys, annotation keys, finalizers: [prefix/]name. */
    public static List<String> qualifiedName(String value) {
        List<String> errs = new ArrayList<>();
        String[] parts = value.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            String prefix = parts[0];
            name = parts[1];
            if (prefix.isEmpty()) errs.add("prefix part must be non-empty");
            else dns1123Subdomain(prefix).forEach(m -> errs.add("prefix part " + m));
        } else {
            errs.add("a qualified name " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errs;
        }
        if (name.isEmpty()) errs.add("name part must be non-empty");
        else if (name.length() > 63) errs.add("name part " + maxLenError(63));
        if (!QUALIFIED_NAME.matcher(name).matches()) {
            errs.add("name part " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
        }
        return errs;
    }

    public static List<String> labelValue(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 63) errs.add(maxLenError(63));
        if (!LABEL_VALUE.matcher(value).matches()) {
            errs.add(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                    LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
        }
        return errs;
    }

    public static List<String> portNum(long port) {
        return port >= 1 && port <= 65535 ? List.of() : List.of("must be between 1 and 65535, inclusive");
    }

    /** IsValidPortName: an IANA_SVC_NAME. */
    public static List<String> portName(String port) {
        List<String> errs = new ArrayList<>();
        if (port.length() > 15) errs.add("must be no more than 15 characters");
        if (!IANA_SVC_NAME_CHARS.matcher(port).matches()) errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        if (!HAS_LETTER.matcher(port).matches()) errs.add("must contain at least one letter (a-z)");
        if (port.contains("--")) errs.add("must not contain consecutive hyphens");
        if (!port.isEmpty() && (port.startsWith("-") || port.endsWith("-"))) errs.add("must not begin or end with a hyphen");
        return errs;
    }

    public static List<String> cIdentifier(String value) {
        return C_IDENTIFIER.matcher(value).matches() ? List.of()
                : List.of(regexError("a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_'",
                "[A-Za-z_][A-Za-z0-9_]*", "my_name", "MY_NAME", "MyName"));
    }

    /** IsEnvVarName. */
    public static List<String> envVarName(String value) {
        List<String> errs = new ArrayList<>();
        if (!ENV_VAR_NAME.matcher(value).matches()) {
            errs.add(regexError("a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
                    "[-._a-zA-Z][-._a-zA-Z0-9]*", "my.env-name", "MY_ENV.NAME", "MyEnvName1"));
        }
        errs.addAll(dotsOnly(value));
        return errs;
    }

    /** IsConfigMapKey: keys of configmaps and secrets. */
    public static List<String> configMapKey(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 253) errs.add(maxLenError(253));
        if (!CONFIG_MAP_KEY.matcher(value).matches()) {
            errs.add(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
                    "[-._a-zA-Z0-9]+", "key.name", "KEY_NAME", "key-name"));
        }
        errs.addAll(dotsOnly(value));
        return errs;
    }

    private static List<String> dotsOnly(String value) {
        if (value.equals(".")) return List.of("must not be '.'");
        if (value.equals("..")) return List.of("must not be '..'");
        if (value.startsWith("..")) return List.of("must not start with '..'");
        return List.of();
    }

    /** ValidatePathSegmentName: RBAC object names. */
    public static List<String> pathSegmentName(String name) {
        List<String> errs = new ArrayList<>();
        if (name.equals(".") || name.equals("..")) return List.of("may not be '" + name + "'");
        for (String illegal : new String[] {"/", "%"}) {
            if (name.contains(illegal)) errs.add("may not contain '" + illegal + "'");
        }
        return errs;
    }
}
