package dev.kubelab.apiserver.selectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubelab.apimachinery.Labels;
import dev.kubelab.apimachinery.Requirement;
import dev.kubelab.apimachinery.Requirement.Operator;
import dev.kubelab.apimachinery.Selector;
import dev.kubelab.apiserver.errors.StatusError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed label selector string (k8s.io/apimachinery/pkg/labels.Parse): comma-separated
 * requirements {@code k=v, k==v, k!=v, k in (a,b), k notin (a,b), k, !k}, matched as the one
 * {@link Selector}. Invalid input is a 400 worded as kube-apiserver words it.
 */
public final class LabelSelector {

    private static final Pattern KEY = Pattern.compile("([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?");

    public static final LabelSelector EVERYTHING = new LabelSelector(Selector.EVERYTHING);

    private final Selector selector;

    private LabelSelector(Selector selector) {
        this.selector = selector;
    }

    public boolean isEmpty() {
        return selector.isEmpty();
    }

    /** Whether an object's metadata.labels (possibly missing) satisfy every requirement. */
    public boolean matches(JsonNode labels) {
        return selector.matches(Labels.of(labels));
    }

    public static LabelSelector parse(String s) {
        if (s == null || s.isBlank()) return EVERYTHING;
        List<Requirement> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            i = skipSpace(s, i);
            if (i >= n) break;
            boolean not = false;
            if (s.charAt(i) == '!') {
                not = true;
                i = skipSpace(s, i + 1);
            }
            int start = i;
            while (i < n && !isSpecial(s.charAt(i))) i++;
            String key = s.substring(start, i).trim();
            checkKey(s, key);
            i = skipSpace(s, i);
            if (not) {
                out.add(new Requirement(key, Operator.DOES_NOT_EXIST, Set.of()));
            } else if (i >= n || s.charAt(i) == ',') {
                out.add(new Requirement(key, Operator.EXISTS, Set.of()));
            } else if (s.startsWith("==", i) || s.startsWith("!=", i) || s.charAt(i) == '=') {
                Operator op = s.charAt(i) == '!' ? Operator.NOT_EQUALS : Operator.EQUALS;
                i += s.startsWith("=", i) && !s.startsWith("==", i) ? 1 : 2;
                i = skipSpace(s, i);
                int vs = i;
                while (i < n && s.charAt(i) != ',' && !Character.isWhitespace(s.charAt(i))) i++;
                String v = s.substring(vs, i);
                checkValue(s, v);
                out.add(new Requirement(key, op, Set.of(v)));
            } else if (s.startsWith("in", i) || s.startsWith("notin", i)) {
                Operator op = s.startsWith("in", i) ? Operator.IN : Operator.NOT_IN;
                i += op == Operator.IN ? 2 : 5;
                i = skipSpace(s, i);
                if (i >= n || s.charAt(i) != '(') throw bad(s, "found '" + (i >= n ? "" : s.charAt(i)) + "', expected: '('");
                int close = s.indexOf(')', i);
                if (close < 0) throw bad(s, "found '', expected: ')'");
                Set<String> vals = new LinkedHashSet<>();
                for (String v : s.substring(i + 1, close).split(",", -1)) {
                    String t = v.trim();
                    checkValue(s, t);
                    vals.add(t);
                }
                out.add(new Requirement(key, op, vals));
                i = close + 1;
            } else {
                throw bad(s, "found '" + s.charAt(i) + "', expected: in, notin, =, ==, !=, gt, lt");
            }
            i = skipSpace(s, i);
            if (i < n) {
                if (s.charAt(i) != ',') throw bad(s, "found '" + s.charAt(i) + "', expected: ',' or 'end of string'");
                i++;
                if (skipSpace(s, i) >= n) throw bad(s, "found '', expected: identifier");
            }
        }
        return out.isEmpty() ? EVERYTHING : new LabelSelector(Selector.of(out));
    }

    private static boolean isSpecial(char c) {
        return c == '=' || c == '!' || c == ',' || c == '(' || c == ')' || Character.isWhitespace(c);
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }

    private static void checkKey(String sel, String key) {
        if (key.isEmpty()) throw bad(sel, "found '', expected: identifier");
        if (!KEY.matcher(key).matches() || key.length() > 316) {
            throw StatusError.badRequest("unable to parse requirement: values[0][" + key + "]: Invalid value: \"" + key
                    + "\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
        }
    }

    private static void checkValue(String sel, String v) {
        if (v.length() > 63 || !VALUE.matcher(v).matches()) {
            throw StatusError.badRequest("unable to parse requirement: values[0][" + v + "]: Invalid value: \"" + v
                    + "\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
        }
    }

    private static StatusError bad(String sel, String detail) {
        return StatusError.badRequest("unable to parse requirement: " + detail);
    }
}
