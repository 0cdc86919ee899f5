package dev.kubelab.kernel;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * The inputs of this kernel session, for history_request (tail, range, search). Kept in memory: a kernel restart
 * starts a new session, as in IPython without its sqlite database.
 */
final class InMemoryHistory implements HistoryManager {
    private static final int SESSION = 1;
    private final List<HistoryEntry> entries = new CopyOnWriteArrayList<>();

    void add(int executionCount, String input) {
        entries.add(new HistoryEntry(SESSION, executionCount, input, null));
    }

    @Override
    public List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        int from = Math.max(0, entries.size() - Math.max(0, length));
        return new ArrayList<>(entries.subList(from, entries.size()));
    }

    @Override
    public List<HistoryEntry> lookupRange(int session, int start, int stop, Set<ResultFlag> flags) {
        List<HistoryEntry> out = new ArrayList<>();
        for (HistoryEntry e : entries) {
            if (e.getCellNumber() >= start && (stop <= 0 || e.getCellNumber() < stop)) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public List<HistoryEntry> search(String glob, int length, Set<ResultFlag> flags) {
        Pattern p = Pattern.compile(globToRegex(glob == null ? "*" : glob), Pattern.DOTALL);
        Map<String, HistoryEntry> hits = new LinkedHashMap<>();
        for (HistoryEntry e : entries) {
            if (p.matcher(e.getInput()).matches()) {
                if (flags.contains(ResultFlag.UNIQUE)) {
                    hits.remove(e.getInput());
                }
                hits.put(flags.contains(ResultFlag.UNIQUE) ? e.getInput() : e.getCellNumber() + "", e);
            }
        }
        List<HistoryEntry> out = new ArrayList<>(hits.values());
        return length > 0 && out.size() > length ? out.subList(out.size() - length, out.size()) : out;
    }

    private static String globToRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (char c : glob.toCharArray()) {
            sb.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return sb.toString();
    }
}
